"""The site plan: every page and file the site publishes besides docs/, from the corpus, one at a time.

The MkDocs hooks (macros/hooks.py) and the command that writes the plan to disk for other generators
(scripts/ecrire_site.py) both iterate `plan()`: what is published, at which address (ptce/text/urls.py), with
which edit link, is decided here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ptce.authoring import cms
from ptce.postbuild import linkcheck, search
from ptce.records.corpus import Corpus
from ptce.records.geo import Geo
from ptce.render import agenda, directory, downloads, exports, indexes, library, maps, pages, schema, toolkit
from ptce.render import outils as fiches_outils
from ptce.render.reuse import Reuse, direct
from ptce.text import html, typography, urls


@dataclass(frozen=True)
class Output:
    """One generated page or file: its docs-relative path and either its content or a file to copy."""

    path: str
    content: str | bytes | None = None
    source: Path | None = None  # copied as is (map assets, images, cached downloads)
    edit: str | None = None  # the data/ file a contributor edits to change this page
    chapter: bool = False  # contributed Markdown: its final HTML goes through the chapter allow-list


SITE_URL = urls.SITE


@dataclass(frozen=True)
class Settings:
    root: Path  # the repository
    site_url: str = SITE_URL
    tiles: maps.Tiles = maps.Tiles()
    today: dt.date = dt.date(2026, 1, 1)
    repo_url: str | None = None  # the GitHub repository the web editor (/admin/) writes to
    # how a record's own page or file is made: called (a build), or reused while what it read is the same
    # (a `make serve` session: ptce/render/reuse.py)
    reused: Reuse | None = None

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "telechargements"


Warn = Callable[[str], None]


def plan(corpus: Corpus, settings: Settings, warn: Warn, inform: Warn | None = None) -> Iterator[Output]:
    """Everything, in a stable order (byte-identical builds); a page of docs/ is never replaced. inform
    hears what a build may leave out on purpose (the web editor without npm), warn what must be fixed."""
    written = set(corpus.docs)
    if settings.reused:
        settings.reused.begin(corpus)
    for out in _plan(corpus, settings, warn, inform or warn):
        if out.path not in written:
            yield out
        elif out.source is None:
            warn(f"{out.path} : une page de docs/ porte le même nom qu'une page générée depuis data/")


def _plan(corpus: Corpus, settings: Settings, warn: Warn, inform: Warn) -> Iterator[Output]:
    for uri, path in maps.asset_files().items():
        yield Output(uri, source=path)
    for name in sorted(corpus.medias):  # images of bodies, checked by ptce/records/medias.py
        yield Output(f"medias/{name}", source=settings.root / "data" / "medias" / name)
    chapter_pages, download_files = toolkit_outputs(corpus, settings, warn)
    for uri, path in download_files.items():
        yield Output(uri, source=path)
    yield from _record_pages(corpus, settings)
    yield from _directory(corpus, settings)
    yield from _map_pages(corpus, settings.tiles)
    yield from chapter_pages
    yield from _web_editor(corpus, settings, warn, inform)


def _web_editor(corpus: Corpus, s: Settings, warn: Warn, inform: Warn) -> Iterator[Output]:
    """/admin/: Sveltia CMS from node_modules and its configuration from the models. Without the npm
    package (a machine with only Python) the site is complete but for the editor: said, not an error."""
    if not cms.package_dir(s.root).is_dir():
        inform(
            f"éditeur web (/{cms.FOLDER}/) non inclus : paquet npm {cms.PACKAGE} absent "
            "(make tools l'installe)"
        )
        return
    today = s.today.isoformat()
    for uri, value in cms.outputs(
        s.root, corpus.vocabulaires, corpus.sources, s.repo_url, s.site_url, today, warn
    ):
        yield Output(uri, source=value) if isinstance(value, Path) else Output(uri, value)


def finish_page(page_html: str, chapter: bool) -> str:
    """The final HTML of a page: a chapter's through the chapter allow-list (what its downloads are made
    from too), then French typography, for every page."""
    return typography.french_html(html.sanitize_chapter(page_html) if chapter else page_html)


def french_titles(page) -> None:
    """French typography in a page's titles (menu, <title>, header, table of contents), read before any
    template is rendered; page is duck-typed (title, meta, toc) so the core never imports MkDocs."""
    if page.title:
        page.title = typography.french_markup(page.title)
    if page.meta.get("title"):
        page.meta["title"] = typography.french_markup(str(page.meta["title"]))
    todo = list(page.toc)
    while todo:
        item = todo.pop()
        item.title = typography.french(item.title)
        todo += item.children


def after_build(root: Path, site_dir: Path, site_url: str) -> list[str]:
    """The search index and the link check, whose problems are returned; the check reads the pages while
    Pagefind indexes them (the preview, `make serve`, builds the index only)."""
    without_search = bool(os.environ.get("PTCE_SANS_RECHERCHE"))
    indexing = None if without_search else search.start_index(site_dir)
    links = linkcheck.collect(site_dir, site_url)
    if indexing:
        search.finish_index(indexing, site_dir)
    registry = linkcheck.read_registry(root / "data" / "urls-publiees.txt")
    ignored = ("pagefind/",) if without_search else ()
    if not cms.package_dir(root).is_dir():
        ignored += (f"{cms.FOLDER}/",)  # left out on purpose without npm (_web_editor): links to it stay
    broken = linkcheck.check_site(site_dir, site_url, registry, ignored=ignored, links=links)
    return [str(link) for link in broken]


def _directory(corpus: Corpus, s: Settings) -> Iterator[Output]:
    geo = Geo.load(s.root / "data" / "geo")
    places = directory.place_files(geo)
    yield Output(urls.DIRECTORY_DATA, directory.directory_data(corpus, geo, list(places)))
    for path, content in places.items():
        yield Output(path, content)


def _record_pages(corpus: Corpus, s: Settings) -> Iterator[Output]:
    today, site_url, own = s.today, s.site_url, s.reused or direct
    for e in corpus.poles:
        yield Output(urls.pole(e.slug), own(pages.pole_page, e, corpus, today), edit=e.path)
    for e in corpus.events:
        yield Output(urls.event(e.slug), own(pages.event_page, e, corpus, site_url, today), edit=e.path)
    yield Output(
        urls.AGENDA_CALENDAR, agenda.calendar(corpus.events, corpus, site_url, today, "Agenda des PTCE")
    )
    yield Output(urls.AGENDA_FEED, agenda.atom(corpus.events, corpus, site_url, today))
    for e in corpus.events:
        if agenda.in_calendar(e):
            yield Output(
                urls.event_calendar(e.slug), own(agenda.calendar, [e], corpus, site_url, today, e.fiche.titre)
            )
    for name, entries in indexes.events_by_region(corpus).items():
        uri = urls.events_of_region(name)
        # a calendar needs a known day: no .ics (an empty one is not valid iCalendar) and no link to one
        ics = urls.calendar_of(uri) if any(agenda.in_calendar(e) for e in entries) else None
        yield Output(
            uri, indexes.agenda_facet_page(f"Agenda : {name}", entries, corpus, today, uri, ics, site_url)
        )
        if ics:
            yield Output(ics, agenda.calendar(entries, corpus, site_url, today, f"Agenda des PTCE : {name}"))
    for key, entries in indexes.events_by_type(corpus).items():
        uri = urls.events_of_type(key)
        title = f"Agenda : {corpus.label('types_evenement', key)}"
        yield Output(uri, indexes.agenda_facet_page(title, entries, corpus, today, uri, None, site_url))
    for name, entries in indexes.regions_of(corpus).items():
        yield Output(urls.region(name), indexes.region_page(name, entries, corpus))
    for e in corpus.resources:
        yield Output(urls.resource(e.slug), library.resource_page(e, corpus), edit=e.path)
    for uri, (title, entries) in library.facets(corpus).items():
        yield Output(uri, library.facet_page(title, entries, corpus, uri))
    yield Output(urls.RESOURCES, library.library_index(corpus))
    yield Output(urls.NEWS, library.news_page(corpus))
    yield Output(urls.NEWS_FEED, library.news_feed(corpus, site_url, today))
    for kind in schema.KINDS:
        yield Output(urls.schema(kind), schema.json_text(kind))
    data_files = exports.all_files(corpus, site_url, today, own)
    for name, content in data_files.items():
        yield Output(urls.data_file(name), content)
    yield Output(urls.data_file("index.md"), exports.data_page(corpus, data_files, today))
    for section, key, uri_of in (
        ("statuts", indexes.status_keys, urls.status),
        ("thematiques", indexes.theme_keys, urls.theme),
    ):
        for k, entries in indexes.by_key(corpus, key).items():
            yield Output(
                uri_of(k), indexes.facet_page(section, k, entries, corpus, uri_of(k), f"{section}/index.md")
            )


def _map_pages(corpus: Corpus, tiles: maps.Tiles) -> Iterator[Output]:
    """Standalone map pages (embedded in iframes): France, each region, each located pole and event; the
    data the France and region maps fetch; the page that explains how to embed the map elsewhere."""
    yield Output(urls.MAP_POLES, maps.poles_geojson(corpus))
    for name in ("regions", "anciennes-regions"):
        yield Output(urls.map_data(name), maps.regions_geojson(corpus, name))
    for name in maps.region_names(corpus):  # every region: an embedded map may show any
        yield Output(urls.outline_of_region(name), maps.region_outline_geojson(corpus, name))
    yield Output(urls.EMBED_PAGE, maps.embed_page(corpus))
    yield Output(
        urls.FRANCE_MAP,
        maps.build_map(
            corpus,
            corpus.poles,
            map_uri=urls.FRANCE_MAP,
            tiles=tiles,
            choropleth=True,
            title="Carte des PTCE",
        ),
    )
    for name, entries in indexes.regions_of(corpus).items():
        uri = urls.map_of_region(name)
        yield Output(
            uri,
            maps.build_map(corpus, entries, map_uri=uri, tiles=tiles, region=name, title=f"Pôles en {name}"),
        )
    for e in corpus.poles:
        if e.place.has_point:
            uri = urls.map_of_pole(e.slug)
            yield Output(uri, maps.point_map(corpus, e, map_uri=uri, tiles=tiles, zoom=12, title=e.fiche.nom))
    for e in corpus.events:
        if e.place.has_point:
            uri = urls.map_of_event(e.slug)
            yield Output(
                uri,
                maps.point_map(
                    corpus, e, map_uri=uri, tiles=tiles, zoom=13, title=e.fiche.titre, legend=False
                ),
            )


def toolkit_outputs(corpus: Corpus, s: Settings, warn: Warn) -> tuple[list[Output], dict[str, Path]]:
    """Chapter pages, redirects and the toolkit index; downloads (files of the cache) by address."""
    outputs: list[Output] = []
    files: dict[str, Path] = {}
    by_chapter: dict[str, list[toolkit.Download]] = {}
    docs = [toolkit.document(e, s.site_url) for e in corpus.chapters]  # rendered once, for both downloads
    for e, doc in zip(corpus.chapters, docs, strict=True):
        by_chapter[e.fiche.id] = []
        for fmt in downloads.FORMATS:
            try:
                path, _ = downloads.build([doc], s.cache, fmt, **toolkit.download_meta(doc))
            except downloads.DownloadError as exc:  # a warning: `mkdocs build --strict` fails on it
                warn(f"{e.path} : téléchargement non publié, {exc}")
                continue
            uri = toolkit.file_name(e, fmt)
            files[uri] = path
            by_chapter[e.fiche.id].append(toolkit.Download(fmt, uri, path.stat().st_size))
        page = toolkit.chapter_page(e, corpus, by_chapter[e.fiche.id], s.site_url, s.today)
        outputs.append(Output(urls.chapter(e.fiche.id), page, edit=e.path, chapter=True))
        for old in e.fiche.anciennes_adresses:
            outputs.append(
                Output(
                    urls.former_chapter(old), toolkit.redirect_html(toolkit.page_url(s.site_url, e.fiche.id))
                )
            )
    whole = None
    if corpus.chapters:
        try:
            path, _ = downloads.build(docs, s.cache, "pdf", **toolkit.whole_meta(corpus, s.site_url))
        except downloads.DownloadError as exc:
            warn(f"boîte à outils complète non publiée, {exc}")
        else:
            files[toolkit.whole_file_name(corpus)] = path
            whole = toolkit.Download("pdf", toolkit.whole_file_name(corpus), path.stat().st_size)
    tools, tool_files = fiches_outils.outputs(corpus, s.site_url, s.cache, s.today, warn)  # fiches outils
    files.update(tool_files)
    outputs += [Output(uri, page, edit=edit) for uri, page, edit in tools]
    outputs.append(Output(urls.TOOLKIT, toolkit.index_page(corpus, by_chapter, whole)))
    return outputs, files
