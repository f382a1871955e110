"""MkDocs hooks: only wiring. The site plan, page finishing and post-build steps live in `ptce`."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

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
COMMAND = {"name": "build"}


def on_startup(command, dirty):
    COMMAND["name"] = command  # `mkdocs serve` skips the link check on every save (the build keeps it)


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
    settings = site.Settings(ROOT, site_url, tiles, build_date(), config.repo_url)
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
    return files


@event_priority(100)  # before mkdocs-macros renders anything
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri in GENERATED:
        page.meta["render_macros"] = False
    if page.meta.get("template") != "recherche.html":
        page.meta.setdefault("type_page", search.page_type(page.url))
    return markdown


def on_page_content(html, page, config, files):
    site.french_titles(page)  # pages are all read before any template: the menu gets these titles too
    return site.finish_page(html, chapter=page.file.src_uri in CHAPTERS)


def on_post_build(config):
    site_url = config.site_url or site.SITE_URL
    check_links = COMMAND["name"] != "serve"
    for problem in site.after_build(ROOT, Path(config.site_dir), site_url, check_links=check_links):
        log.warning(problem)  # `mkdocs build --strict` fails on them
