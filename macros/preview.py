"""The preview's memory (`make serve` only): what a rebuild would compute again identically is taken from
the previous rebuild of the same session.

MkDocs rebuilds the whole site on every save. Most of that time goes into Markdown and Material's
templates, and for a saved fiche almost every page comes out the same. A page's HTML is a function of its
final Markdown (after mkdocs-macros), the site's file list and the configuration; its output file is a
function of its template context. Both are remembered under a key made of exactly those inputs, so a page
that lists the saved fiche differs in its Markdown and is rendered again. A render that logged a warning is
never remembered: the next rebuild warns again, and `--strict` stops again. `tests/test_apercu.py` edits,
adds and removes records between rebuilds and compares every page with a fresh build.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
from pathlib import Path

import jinja2
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import meta
from preview_serve import SiteFolder, install  # macros/preview_serve.py

from ptce.postbuild import search
from ptce.render.reuse import Reuse

log = logging.getLogger("mkdocs")


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _digest(*parts: object) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:  # a page's text as it is (most of the bytes), anything else by its repr
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else b"r" + repr(part).encode()
        h.update(len(data).to_bytes(8, "big") + data)
    return h.digest()


def _toc_key(toc) -> list:
    return [(i.id, i.title, i.level, _toc_key(i.children)) for i in toc]


def _nav_key(items) -> list:
    """Titles, addresses and nesting of the menu: every page's template reads them."""
    return [
        (type(i).__name__, i.title, getattr(i, "url", None), _nav_key(i.children or [])) for i in items or []
    ]


class Preview:
    """Remembered renders of one `mkdocs serve` session, keyed by everything they read; and the search
    index, built while the browser reloads."""

    def __init__(self, config: list[Path]) -> None:
        self.config = config  # mkdocs.yml and the theme's overrides: a change empties nothing, it changes
        self.site = b""  # every key
        self.nav = None
        self.menu = b""
        self.index: tuple[subprocess.Popen, Path] | None = None
        self.compiled = _Compiled()
        self.html: dict[bytes, tuple] = {}
        self.outputs: dict[bytes, str] = {}
        self.finished: dict[tuple[str, bool], str] = {}
        self.front: dict[str, tuple[str, dict]] = {}
        self.used: set = set()  # keys of the stores above this rebuild used
        self.reused = Reuse()  # the plan's record pages
        self.folder = SiteFolder()
        install(self.folder)
        meta.get_data = self.front_matter

    def start(self, files) -> None:
        """A rebuild begins: its key for the site's files and configuration; forget what the last one
        did not use (a session's memory stays the size of one site)."""
        paths = [q for p in self.config for q in ([p] if p.is_file() else sorted(p.rglob("*")))]
        stamps = [(str(p), p.stat().st_mtime_ns) for p in paths if p.is_file()]
        self.site = _digest(sorted((f.src_uri, f.dest_uri, f.url) for f in files), stamps)
        for store in (self.html, self.outputs, self.finished, self.front):
            for key in [k for k in store if k not in self.used]:
                del store[key]
        self.used = set()
        self.folder.begin()

    def front_matter(self, source: str, _read=meta.get_data) -> tuple[str, dict]:
        """A page's front matter, read again only when its source changed (2,200 YAML headers at 1,000
        poles and 1,000 events: a sixth of a second). Each page gets its own copy of the metadata."""
        self.used.add(source)
        if source not in self.front:
            self.front[source] = _read(source)
        markdown, data = self.front[source]
        return markdown, dict(data)

    def remember(self, page) -> None:
        """Before a page is read: its render (after every on_page_markdown) comes from memory when its final
        Markdown is known."""
        render = page.render

        def remembered(config, files) -> None:
            key = _digest(self.site, page.file.src_uri, page.markdown)
            self.used.add(key)
            known = self.html.get(key)
            if known is None:
                warnings = _Warnings()
                log.addHandler(warnings)
                try:
                    render(config, files)
                finally:
                    log.removeHandler(warnings)
                if not warnings.count:
                    self.html[key] = (
                        page.content,
                        _copy_toc(page.toc),
                        page._title_from_render,
                        set(page.present_anchor_ids or ()),
                        _by_address(page.links_to_anchors),
                    )
                return
            content, toc, title, anchors, links = known
            page.content, page.toc, page._title_from_render = content, _copy_toc(toc), title
            page.present_anchor_ids = set(anchors)
            page.links_to_anchors = _to_files(links, files)

        page.render = remembered

    def finish(self, finish, html: str, chapter: bool) -> str:
        """site.finish_page (typography, chapter allow-list) is pure: remembered by its input."""
        key = (html, chapter)  # the remembered page's own string: its hash is computed once
        self.used.add(key)
        if key not in self.finished:
            self.finished[key] = finish(html, chapter=chapter)
        return self.finished[key]

    def wrap_templates(self, env) -> None:
        """Page templates render from memory when the page's context is the same as last time (the menu's
        titles are final once every page is read)."""
        self.menu = _digest(_nav_key(self.nav.items if self.nav else []))
        env.bytecode_cache = self.compiled  # MkDocs makes a new environment for every rebuild
        get_template = env.get_template

        def remembered_template(name, *args, **kwargs):
            template = get_template(name, *args, **kwargs)
            if "render" not in vars(template):  # only render() changes: inheritance reads the blocks
                render = template.render
                template.render = lambda *a, **k: self.output(name, render, a, k)
            return template

        env.get_template = remembered_template

    def output(self, name: str, render, args: tuple, kwargs: dict) -> str:
        context = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], dict) else {}
        page = context.get("page")
        if page is None:  # 404 page, sitemap, templates included by others: rendered as usual
            return render(*args, **kwargs)
        key = _digest(self.site, self.menu, name, page.url, page.title, page.content, _toc_key(page.toc),
                      page.meta, page.edit_url, page.canonical_url,
                      [(p.title, p.url) if p else None for p in (page.previous_page, page.next_page)],
                      context.get("base_url"))  # fmt: skip
        self.used.add(key)
        if key not in self.outputs:
            self.outputs[key] = render(context)
        return self.outputs[key]

    def index_later(self, site_dir: Path) -> None:
        """The search index, built while the browser reloads (the full build waits for it)."""
        self.folder.end(site_dir)
        self.index = (search.start_index(site_dir), site_dir)

    def stop_index(self) -> None:
        """A rebuild starts by emptying the site folder: an index still being built is stopped (the new
        rebuild starts another); one that failed says so."""
        if self.index is None:
            return
        run, site_dir = self.index
        self.index = None
        if run.poll() is None:
            run.kill()
            run.communicate()
            return
        try:
            search.finish_index(run, site_dir)
        except search.SearchIndexError as error:
            log.error(f"Aperçu : {error}")


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates in memory, for the session: Jinja checks each one against its source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _copy_toc(toc: TableOfContents) -> TableOfContents:
    """A page's own table of contents (site.french_titles changes its titles in place): rebuilt, ten
    times faster than copy.deepcopy."""

    def links(items) -> list[AnchorLink]:
        copied = []
        for item in items:
            link = AnchorLink(item.title, item.id, item.level)
            link.children = links(item.children)
            copied.append(link)
        return copied

    return TableOfContents(links(toc))


def _by_address(links) -> dict | None:
    return None if links is None else {f.src_uri: dict(v) for f, v in links.items()}


def _to_files(links, files) -> dict | None:
    if links is None:
        return None
    found = {uri: files.get_file_from_path(uri) for uri in links}
    return {found[uri]: dict(v) for uri, v in links.items() if found[uri] is not None}
