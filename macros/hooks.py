"""MkDocs hooks: only wiring. The site plan, page finishing and post-build steps live in `ptce`."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from preview import Preview  # macros/preview.py
from preview_serve import quicker_server  # macros/preview_serve.py

from ptce import site
from ptce.postbuild import search
from ptce.records.corpus import load_cached
from ptce.records.dates import build_date
from ptce.render import maps
from ptce.render.sandbox import sandboxed

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.plugins.ptce")
GENERATED: set[str] = set()  # never rendered as Jinja
CHAPTERS: set[str] = set()  # contributed Markdown: final HTML through the chapter allow-list
PREVIEW: Preview | None = None  # `mkdocs serve` only: what one rebuild can take from the last


def on_startup(command, dirty):
    global PREVIEW
    # A build allocates millions of small objects that live until it ends: collecting them less often
    # saves 5 to 7 % of its time for 1 % more memory (maintenance/bench.py, real content and N = 1,000).
    gc.set_threshold(50_000, 20, 100)
    PREVIEW = Preview([ROOT / "mkdocs.yml", ROOT / "overrides"]) if command == "serve" else None


def on_serve(server, config, builder):
    return quicker_server(server, config, builder)


def on_pre_build(config):
    if PREVIEW:
        PREVIEW.stop_index()


def on_shutdown():
    if PREVIEW:
        PREVIEW.stop_index()


@event_priority(-100)  # after mkdocs-macros has built its Jinja environment
def on_config(config):
    macros = config.plugins.get("macros")
    if macros is not None and hasattr(macros, "_env"):
        macros._env = sandboxed(macros._env)
    return config


def on_files(files: Files, config) -> Files:
    corpus = load_cached(ROOT)
    for error in corpus.errors:
        log.warning(str(error))
    GENERATED.clear()
    CHAPTERS.clear()
    tiles, site_url = maps.tiles(config.extra), config.site_url or site.SITE_URL
    reused = PREVIEW.reused if PREVIEW else None
    settings = site.Settings(ROOT, site_url, tiles, build_date(), config.repo_url, reused)
    for out in site.plan(corpus, settings, log.warning, log.info):
        if out.source is not None:
            files.append(File.generated(config, out.path, abs_src_path=str(out.source)))
            continue
        file = File.generated(config, out.path, content=out.content)
        file.edit_uri = "../" + out.edit if out.edit else None  # edit_uri is relative to docs/
        files.append(file)
        GENERATED.add(out.path)
        if out.chapter:
            CHAPTERS.add(out.path)
    if PREVIEW:
        PREVIEW.start(files)
    return files


def on_nav(nav, config, files):
    if PREVIEW:
        PREVIEW.nav = nav


def on_pre_page(page, config, files):
    if PREVIEW:
        PREVIEW.remember(page)


@event_priority(100)  # before mkdocs-macros renders anything
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in GENERATED:
        page.meta["render_macros"] = False
    if page.meta.get("template") != "recherche.html":
        page.meta.setdefault("type_page", search.page_type(page.url))
    return markdown


def on_page_content(html, page, config, files):
    site.french_titles(page)  # pages are all read before any template: the menu gets these titles too
    chapter = page.file.src_uri in CHAPTERS
    if PREVIEW:
        return PREVIEW.finish(site.finish_page, html, chapter)
    return site.finish_page(html, chapter=chapter)


def on_env(env, config, files):
    if PREVIEW:
        PREVIEW.wrap_templates(env)
    return env


def on_post_build(config):
    site_dir = Path(config.site_dir)
    if PREVIEW:  # no link check on every save; the search index while the browser reloads
        PREVIEW.index_later(site_dir)
        return
    for problem in site.after_build(ROOT, site_dir, config.site_url or site.SITE_URL):
        log.warning(problem)  # `mkdocs build --strict` fails on them
