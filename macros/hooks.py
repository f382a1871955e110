"""MkDocs hooks: turn the records of data/ into generated pages.

Thin glue: everything it calls lives in the MkDocs-independent `ptce` package.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ptce import (agenda, downloads, exports, indexes, library, linkcheck, maps, pages, schema, search, toolkit,  # noqa: E402
                  typography, urls)
from ptce.html import sanitize_chapter  # noqa: E402
from ptce.corpus import load_cached  # noqa: E402
from ptce.dates import build_date  # noqa: E402

log = logging.getLogger("mkdocs.plugins.ptce")
GENERATED: set[str] = set()
CHAPTERS: set[str] = set()  # chapter pages: contributed Markdown published through the chapter allow-list


@event_priority(-100)  # after mkdocs-macros has built its Jinja environment
def on_config(config):
    """Render trusted pages in a Jinja sandbox: defence in depth behind the guard below."""
    macros = config.plugins.get("macros")
    if macros is not None and hasattr(macros, "_env"):
        old = macros._env
        sandbox = SandboxedEnvironment(
            loader=old.loader, undefined=old.undefined,
            block_start_string=old.block_start_string, block_end_string=old.block_end_string,
            variable_start_string=old.variable_start_string, variable_end_string=old.variable_end_string,
            comment_start_string=old.comment_start_string, comment_end_string=old.comment_end_string)
        sandbox.globals.update(old.globals)
        sandbox.filters.update(old.filters)
        macros._env = sandbox
    return config


def generated_pages(corpus, site_url: str) -> dict[str, str]:
    """Every page and file that comes from data/: site path -> content."""
    today = build_date()
    out = {urls.pole(e.slug): pages.pole_page(e, corpus, today) for e in corpus.poles}
    out.update({urls.event(e.slug): pages.event_page(e, corpus, site_url, today) for e in corpus.events})
    out["agenda.ics"] = agenda.calendar(corpus.events, corpus, site_url, today, "Agenda des PTCE")
    out["agenda/atom.xml"] = agenda.atom(corpus.events, corpus, site_url, today)
    for e in corpus.events:
        if agenda.in_calendar(e):
            out[urls.event(e.slug).removesuffix(".md") + ".ics"] = agenda.calendar([e], corpus, site_url, today, e.fiche.titre)
    for name, entries in indexes.events_by_region(corpus).items():
        uri, ics = urls.events_of_region(name), urls.events_of_region(name).removesuffix(".md") + ".ics"
        out[uri] = indexes.agenda_facet_page(f"Agenda : {name}", entries, corpus, today, uri, ics, site_url)
        if any(agenda.in_calendar(e) for e in entries):  # a calendar with no event is not valid iCalendar
            out[ics] = agenda.calendar(entries, corpus, site_url, today, f"Agenda des PTCE : {name}")
    for key, entries in indexes.events_by_type(corpus).items():
        uri = urls.events_of_type(key)
        out[uri] = indexes.agenda_facet_page(f"Agenda : {corpus.label('types_evenement', key)}", entries, corpus, today,
                                             uri, None, site_url)
    for name, entries in indexes.regions_of(corpus).items():
        out[urls.region(name)] = indexes.region_page(name, entries, corpus)
    out.update({urls.resource(e.slug): library.resource_page(e, corpus) for e in corpus.resources})
    out.update({uri: library.facet_page(title, entries, corpus, uri) for uri, (title, entries) in library.facets(corpus).items()})
    out["ressources/index.md"] = library.library_index(corpus)
    out[urls.NEWS] = library.news_page(corpus)
    out["actualites/atom.xml"] = library.news_feed(corpus, site_url, today)
    for kind in schema.KINDS:
        out[f"schemas/{kind}.json"] = schema.json_text(kind)
    data_files = exports.all_files(corpus, site_url, today)
    out.update({f"donnees/{name}": content for name, content in data_files.items()})
    out["donnees/index.md"] = exports.data_page(corpus, data_files, today)
    for section, key, uri_of, index_uri in (("statuts", indexes.status_keys, urls.status, "statuts/index.md"),
                                             ("thematiques", indexes.theme_keys, urls.theme, "thematiques/index.md")):
        for k, entries in indexes.by_key(corpus, key).items():
            out[uri_of(k)] = indexes.facet_page(section, k, entries, corpus, uri_of(k), index_uri)
    return out


def edit_sources(corpus) -> dict[str, str]:
    """Generated page -> the data file a contributor edits to change it."""
    out = {urls.pole(e.slug): e.path for e in corpus.poles}
    out.update({urls.event(e.slug): e.path for e in corpus.events})
    out.update({urls.resource(e.slug): e.path for e in corpus.resources})
    out.update({urls.chapter(e.fiche.id): e.path for e in corpus.chapters})
    return out


def map_pages(corpus, tiles: maps.Tiles) -> dict[str, str]:
    """Standalone map pages (embedded in iframes): France, each region, each located pole."""
    out = {urls.FRANCE_MAP: maps.build_map(corpus, corpus.poles, map_uri=urls.FRANCE_MAP, tiles=tiles, choropleth=True,
                                           title="Carte des PTCE")}
    for name, entries in indexes.regions_of(corpus).items():
        uri = urls.map_of_region(name)
        out[uri] = maps.build_map(corpus, entries, map_uri=uri, tiles=tiles, region=name, title=f"Pôles en {name}")
    for e in corpus.poles:
        if e.place.has_point:
            uri = urls.map_of_pole(e.slug)
            out[uri] = maps.point_map(corpus, e, map_uri=uri, tiles=tiles, zoom=12, title=e.fiche.nom)
    for e in corpus.events:
        if e.place.has_point:
            uri = urls.map_of_event(e.slug)
            out[uri] = maps.point_map(corpus, e, map_uri=uri, tiles=tiles, zoom=13, title=e.fiche.titre, legend=False)
    return out


TOOLKIT_INTRO = """---
title: Boîte à outils
description: Les chapitres de la boîte à outils des PTCE, à lire en ligne ou à télécharger en PDF, EPUB et DOCX datés et versionnés.
---

# Boîte à outils

La boîte à outils rassemble ce que le plan d'action de janvier 2013 prévoyait de mettre à
disposition : définitions et référentiel, expériences, méthodes d'accompagnement, chapitres
thématiques, rôle des collectivités et propositions pour les politiques publiques. Chaque
chapitre a une adresse permanente et se télécharge en PDF, EPUB et DOCX ; chaque fichier porte
sa version et sa date. Contenus sous licence CC BY-SA 4.0.

"""


def toolkit_files(corpus, site_url: str) -> tuple[dict[str, str], dict[str, Path]]:
    """Chapter pages and redirects (content), downloads (files in the cache)."""
    cache = ROOT / ".cache" / "telechargements"
    pages_out: dict[str, str] = {}
    files_out: dict[str, Path] = {}
    by_chapter: dict[str, list] = {}
    today = build_date()
    for e in corpus.chapters:
        doc = toolkit.document(e, site_url)
        meta = dict(title=doc.title, subtitle=doc.subtitle, version=doc.version, date=doc.date, licence=doc.licence, url=doc.url)
        by_chapter[e.fiche.id] = []
        for fmt in downloads.FORMATS:
            try:
                path, _ = downloads.build([doc], cache, fmt, **meta)
            except downloads.DownloadError as exc:  # a warning: `mkdocs build --strict` fails on it
                log.warning(f"{e.path} : téléchargement non publié, {exc}")
                continue
            uri = toolkit.file_name(e, fmt)
            files_out[uri] = path
            by_chapter[e.fiche.id].append(toolkit.Download(fmt, uri, path.stat().st_size))
        CHAPTERS.add(urls.chapter(e.fiche.id))
        pages_out[urls.chapter(e.fiche.id)] = toolkit.chapter_page(e, corpus, by_chapter[e.fiche.id], site_url, today)
        for old in e.fiche.anciennes_adresses:
            pages_out[f"boite-a-outils/{old}/index.html"] = toolkit.redirect_html(toolkit.page_url(site_url, e.fiche.id))
    whole = None
    if corpus.chapters:
        docs = [toolkit.document(e, site_url) for e in corpus.chapters]
        version = toolkit.whole_version(corpus)
        try:
            path, _ = downloads.build(docs, cache, "pdf", title="Boîte à outils des PTCE", subtitle="Tous les chapitres",
                                      version=version, date=version, licence="CC BY-SA 4.0",
                                      url=site_url.rstrip("/") + "/boite-a-outils/")
        except downloads.DownloadError as exc:
            log.warning(f"boîte à outils complète non publiée, {exc}")
        else:
            files_out[toolkit.whole_file_name(corpus)] = path
            whole = toolkit.Download("pdf", toolkit.whole_file_name(corpus), path.stat().st_size)
    pages_out["boite-a-outils/index.md"] = TOOLKIT_INTRO + toolkit.index(corpus, by_chapter, whole, "boite-a-outils/index.md")
    return pages_out, files_out


def tiles_from(config) -> maps.Tiles:
    """The tile server is the only external host of the maps: configured in mkdocs.yml, extra.carte."""
    conf = (config.extra or {}).get("carte", {})
    return maps.Tiles(conf.get("tuiles") or None, conf.get("attribution", "")) if conf else maps.Tiles()


def on_files(files: Files, config) -> Files:
    corpus = load_cached(ROOT)
    for error in corpus.errors:
        log.warning(str(error))
    GENERATED.clear()
    CHAPTERS.clear()
    for uri, path in maps.asset_files().items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    for name in sorted(corpus.medias):  # images of bodies, checked by ptce/medias.py (regular files of data/medias/)
        if files.get_file_from_path(f"medias/{name}") is None:
            files.append(File.generated(config, f"medias/{name}", abs_src_path=str(ROOT / "data" / "medias" / name)))
    site_url = config.site_url or "https://ptce.fr/"
    chapter_pages, download_files = toolkit_files(corpus, site_url)
    for uri, path in download_files.items():
        files.append(File.generated(config, uri, abs_src_path=str(path)))
    sources = edit_sources(corpus)
    for uri, content in {**generated_pages(corpus, site_url), **map_pages(corpus, tiles_from(config)), **chapter_pages}.items():
        if files.get_file_from_path(uri) is not None:
            log.warning(f"{uri} : une page de docs/ porte le même nom qu'une page générée depuis data/")
            continue
        file = File.generated(config, uri, content=content)
        if uri in sources:
            # edit_uri is relative to docs/ in mkdocs.yml: "Modifier cette page" opens the source in data/.
            file.edit_uri = "../" + sources[uri]
        files.append(file)
        GENERATED.add(uri)
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
    if page.file.src_uri in CHAPTERS:
        html = sanitize_chapter(html)
    if page.title:  # pages are all read before any template is rendered: the menu gets these titles too
        page.title = typography.french_markup(page.title)
    if page.meta.get("title"):  # what Material's <title>, header and h1 read
        page.meta["title"] = typography.french_markup(str(page.meta["title"]))
    _french_toc(page.toc)
    return typography.french_html(html)


def _french_toc(items) -> None:
    for item in items:
        item.title = typography.french(item.title)
        _french_toc(item.children)


COMMAND = {"name": "build"}


def on_startup(command, dirty):
    """`mkdocs serve` rebuilds on every save: the preview skips the link check (the build keeps it)."""
    COMMAND["name"] = command


def on_post_build(config):
    """Search index from the finished HTML (ptce/search.py), then the link check (ptce/linkcheck.py).

    PTCE_SANS_RECHERCHE=1 skips the index: the search comparison measures the build without it."""
    without_search = bool(os.environ.get("PTCE_SANS_RECHERCHE"))
    if not without_search:
        search.build_index(Path(config.site_dir))
    if COMMAND["name"] == "serve":
        return
    registry = linkcheck.read_registry(ROOT / "data" / "urls-publiees.txt")
    broken = linkcheck.check_site(Path(config.site_dir), config.site_url or "https://ptce.fr/", registry,
                                  ignored=("pagefind/",) if without_search else ())
    for link in broken:  # warnings: `mkdocs build --strict` fails on them
        log.warning(str(link))
