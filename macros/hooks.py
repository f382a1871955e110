"""MkDocs hooks: turn the records of data/ into generated pages.

Thin glue: everything it calls lives in the MkDocs-independent `ptce` package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from ptce import site
from ptce.postbuild import search
from ptce.records.corpus import load_cached
from ptce.records.dates import build_date
from ptce.render import maps
from ptce.text import typography

ROOT = Path(__file__).resolve().parent.parent

log = logging.getLogger("mkdocs.plugins.ptce")
GENERATED: set[str] = set()
CHAPTERS: set[str] = set()  # chapter pages: contributed Markdown published through the chapter allow-list


@event_priority(-100)  # after mkdocs-macros has built its Jinja environment
def on_config(config):
    """Render trusted pages in a Jinja sandbox: defence in depth behind the guard of on_page_markdown."""
    macros = config.plugins.get("macros")
    if macros is not None and hasattr(macros, "_env"):
        old = macros._env
        sandbox = SandboxedEnvironment(
            undefined=old.undefined,
            loader=old.loader,
            **{
                f"{part}_{end}_string": getattr(old, f"{part}_{end}_string")
                for part in ("block", "variable", "comment")
                for end in ("start", "end")
            },
        )
        sandbox.globals.update(old.globals)
        sandbox.filters.update(old.filters)
        macros._env = sandbox
    return config


def on_files(files: Files, config) -> Files:
    """Add the site plan (ptce/site.py) to the files of docs/."""
    corpus = load_cached(ROOT)
    for error in corpus.errors:
        log.warning(str(error))
    GENERATED.clear()
    CHAPTERS.clear()
    settings = site.Settings(ROOT, config.site_url or site.SITE_URL, maps.tiles(config.extra), build_date())
    for out in site.plan(corpus, settings, log.warning):
        if out.source is not None:
            files.append(File.generated(config, out.path, abs_src_path=str(out.source)))
            continue
        file = File.generated(config, out.path, content=out.content)
        file.edit_uri = (
            "../" + out.edit if out.edit else None
        )  # edit_uri is relative to docs/, the source in data/
        files.append(file)
        GENERATED.add(out.path)
        if out.chapter:
            CHAPTERS.add(out.path)
    return files


@event_priority(100)  # before mkdocs-macros renders anything
def on_page_markdown(markdown, page, config, files):
    """Pages generated from contributed data are never rendered as Jinja."""
    if page.file.src_uri in GENERATED:
        page.meta["render_macros"] = False
    if page.meta.get("template") != "recherche.html":
        page.meta.setdefault("type_page", search.page_type(page.url))
    return markdown


def on_page_content(html, page, config, files):
    """The final HTML of a page: a chapter's through the chapter allow-list (what its downloads are made
    from too), then French typography for every page."""
    if page.title:  # pages are all read before any template is rendered: the menu gets these titles too
        page.title = typography.french_markup(page.title)
    if page.meta.get("title"):  # what Material's <title>, header and h1 read
        page.meta["title"] = typography.french_markup(str(page.meta["title"]))
    for item in _toc_items(page.toc):
        item.title = typography.french(item.title)
    return site.finish_page(html, chapter=page.file.src_uri in CHAPTERS)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


COMMAND = {"name": "build"}


def on_startup(command, dirty):
    """`mkdocs serve` rebuilds on every save: the preview skips the link check (the build keeps it)."""
    COMMAND["name"] = command


def on_post_build(config):
    """Search index and link check of the finished site (ptce/site.py, after_build)."""
    for problem in site.after_build(
        ROOT, Path(config.site_dir), config.site_url or site.SITE_URL, check_links=COMMAND["name"] != "serve"
    ):
        log.warning(problem)  # `mkdocs build --strict` fails on them
