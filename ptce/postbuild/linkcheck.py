"""After a build: every internal link, anchor and published address must resolve.

Walks the built site: HTML pages (href, src), Atom feeds, iCalendar files, the
JSON exports and the registry of published toolkit URLs (data/urls-publiees.txt).
External links are not fetched (the build never uses the network); links with a
forbidden scheme (javascript:, data:, vbscript:) are reported wherever they are.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

FORBIDDEN_SCHEMES = ("javascript:", "data:", "vbscript:")
_ATTRS = {"href", "src"}
# Files whose links we do not own: third-party bundles served as they are.
_SKIPPED_DIRS = ("assets/", "pagefind/", "vendor/")


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str  # site-relative file holding the link
    target: str  # the link as written
    reason: str

    def __str__(self) -> str:
        return f"{self.page} : lien cassé vers « {self.target} » ({self.reason})"


_LINKING_TAGS = {"a", "link", "img", "script", "iframe", "source", "area"}
_READ = "[id], [name], " + ", ".join(sorted(_LINKING_TAGS))


@dataclass
class _Page:
    links: list[str]
    ids: set[str]


def _parse(path: Path) -> _Page:
    """Links (href and src of the elements that load or lead somewhere) and ids of a page, read with an
    HTML5 parser (lexbor) in one pass over its elements: a quarter of the post-build time went into
    Python's html.parser."""
    tree = LexborHTMLParser(path.read_bytes())
    ids: set[str] = set()
    links: list[str] = []
    seen: set[int] = set()
    for node in tree.css(_READ):
        if node.mem_id in seen:  # lexbor gives an element once for each selector of the list it matches
            continue
        seen.add(node.mem_id)
        tag, attrs = node.tag, node.attributes
        if "id" in attrs:
            ids.add(attrs["id"] or "")
        if "name" in attrs and tag != "meta":
            ids.add(attrs["name"] or "")
        if tag not in _LINKING_TAGS or (tag == "link" and attrs.get("rel") in ("preconnect", "dns-prefetch")):
            continue
        links += [value.strip() for name, value in attrs.items() if name in _ATTRS and value is not None]
    ids.discard("")
    return _Page(links, ids)


class Site:
    """The built files, with a cache of each HTML page's ids."""

    def __init__(
        self,
        root: Path,
        site_url: str,
        ignored: tuple[str, ...] = (),
        ids: dict[Path, set[str]] | None = None,
    ):
        self.root = Path(root)
        self.base = urlsplit(site_url.rstrip("/") + "/")
        self.ignored = ignored
        self._ids: dict[Path, set[str]] = dict(ids or {})  # the pages already read (collect)
        # Every file and folder, listed once: 200,000 links at 1,000 fiches, one stat() each was a third
        # of the check.
        self.files: set[str] = set()
        self._dirs: set[str] = {""}
        for folder, dirs, names in os.walk(self.root):
            here = Path(folder).relative_to(self.root).as_posix()
            prefix = "" if here == "." else here + "/"
            self._dirs.update(prefix + d for d in dirs)
            self.files.update(prefix + n for n in names)
        self._resolved: dict[str, Path | None] = {}
        self._local: dict[tuple[str, str], str | None] = {}

    def ids(self, path: Path) -> set[str]:
        if path not in self._ids:
            self._ids[path] = _parse(path).ids
        return self._ids[path]

    def local_path(self, url: str, page: str, folder: str | None = None) -> str | None:
        """Site-relative path of a link, or None when it leaves the site (folder: the page's, if known)."""
        key = (url, posixpath.dirname(page) if folder is None else folder)
        if key not in self._local:
            self._local[key] = self._local_path(url, page)
        found = self._local[key]
        return page if found == "" and not urlsplit(url).path else found

    def _local_path(self, url: str, page: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            if (parts.scheme, parts.netloc) != (
                self.base.scheme,
                self.base.netloc,
            ) or not parts.path.startswith(self.base.path):
                return None
            return parts.path[len(self.base.path) :]
        if parts.path.startswith("/"):
            return parts.path.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else ""

    def resolve(self, rel: str) -> Path | None:
        if rel not in self._resolved:
            self._resolved[rel] = self._resolve(unquote(rel))
        return self._resolved[rel]

    def _resolve(self, rel: str) -> Path | None:
        if rel.startswith("../") or rel == "..":
            return None
        path = "" if rel in ("", ".") else posixpath.normpath(rel)
        if path.startswith("../") or path == "..":
            return None
        if rel in ("", ".") or rel.endswith("/") or path in self._dirs:
            path = (path + "/" if path and path != "." else "") + "index.html"
        return self.root / path if path in self.files else None

    def check(self, url: str, page: str, folder: str | None = None) -> str | None:
        """None if fine, else why the link is broken."""
        if url.lower().replace(" ", "").startswith(FORBIDDEN_SCHEMES):
            return "adresse interdite"
        if not url or url.startswith(("mailto:", "tel:")) or url == "#":
            return None
        rel = self.local_path(url, page, folder)
        if rel is None or (self.ignored and rel.startswith(self.ignored)):
            return None  # external (not fetched) or deliberately absent
        target = self.resolve(rel)
        if target is None:
            return "fichier absent du site"
        fragment = url.partition("#")[2]
        if fragment and target.suffix == ".html" and unquote(fragment) not in self.ids(target):
            return f"ancre #{fragment} absente"
        return None


def _feed_links(text: str) -> list[str]:
    return re.findall(r'<link[^>]*href="([^"]+)"', text) + re.findall(r"<id>(https?://[^<]+)</id>", text)


def _ics_links(text: str) -> list[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.findall(r"^URL(?:;[^:]*)?:(.+?)\r?$", unfolded, flags=re.M)


def _json_links(data) -> list[str]:
    if isinstance(data, dict):
        return [v for k, v in data.items() if k == "url" and isinstance(v, str)] + [
            u for v in data.values() for u in _json_links(v)
        ]
    if isinstance(data, list):
        return [u for v in data for u in _json_links(v)]
    return []


@dataclass
class Links:
    """What every file of the built site links to, and the ids of its pages: reading them is most of the
    check, and it needs nothing outside the pages, so it runs while Pagefind indexes them."""

    by_page: list[tuple[str, list[str]]]
    ids: dict[Path, set[str]]


def _files(root: Path) -> list[str]:
    """Every file under root, site-relative, sorted."""
    found = []
    for folder, _, names in os.walk(root):
        here = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if here == "." else here + "/"
        found += [prefix + name for name in names]
    return sorted(found)


def collect(root: Path, site_url: str) -> Links:
    found = Links([], {})
    for page in _files(Path(root)):
        if page.startswith(_SKIPPED_DIRS):
            continue
        path = root / page
        if path.suffix == ".html":
            parsed = _parse(path)
            found.ids[path] = parsed.ids
            links = parsed.links
        elif path.suffix == ".xml" and page != "sitemap.xml":
            links = _feed_links(path.read_text(encoding="utf-8"))
        elif path.suffix == ".ics":
            links = _ics_links(path.read_text(encoding="utf-8"))
        elif path.suffix in (".json", ".geojson") and page.startswith("donnees/"):
            links = [
                u
                for u in _json_links(json.loads(path.read_text(encoding="utf-8")))
                if u.startswith(site_url.rstrip("/"))
            ]
        else:
            continue
        found.by_page.append((page, links))
    return found


def check_site(
    root: Path,
    site_url: str,
    registry: list[str] = (),
    ignored: tuple[str, ...] = (),
    links: Links | None = None,
) -> list[BrokenLink]:
    """Every broken internal link of the built site at root, sorted (links into `ignored` folders skipped);
    links: what collect() read, when the pages have not changed since."""
    links = links or collect(root, site_url)
    site = Site(root, site_url, ignored, links.ids)
    broken: set[BrokenLink] = set()
    for page, urls in links.by_page:
        folder = posixpath.dirname(page)
        for url in urls:
            reason = site.check(url, page, folder)
            if reason:
                broken.add(BrokenLink(page, url, reason))
    for url in registry:
        reason = site.check(url, "")
        if reason:
            broken.add(
                BrokenLink(
                    "data/urls-publiees.txt",
                    url,
                    reason + " : une adresse publiée ne doit jamais disparaître",
                )
            )
    return sorted(broken)


def read_registry(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
