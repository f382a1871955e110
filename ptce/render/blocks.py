"""Markdown building blocks shared by every page renderer."""

from __future__ import annotations

import yaml

from ptce.records.corpus import Corpus, Entry
from ptce.text import urls
from ptce.text.html import bullets, esc, inline, sanitize_body
from ptce.text.typography import french

# libyaml's emitter (in PyYAML's wheels): ten times faster, and it keeps U+0085 where the pure-Python one
# writes a line break (tested)
SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(title: str, description: str, trail: Trail = (), **extra) -> str:
    """A generated page's metadata; trail is its breadcrumb above the title (overrides/partials/path.html):
    (label, docs page, optional #anchor) from the section down, the page itself left out."""
    meta = {"title": esc(title), "description": esc(description), **extra}
    if trail:
        meta["fil"] = [[esc(french(label)), urls.address(page) + anchor] for label, page, anchor in trail]
    return "---\n" + yaml.dump(meta, Dumper=SafeDumper, allow_unicode=True, sort_keys=False) + "---\n\n"


def body_html(entry: Entry, page: str) -> str:
    """A record's body as sanitized HTML (html.sanitize_body), computed once per record and page."""
    key = ("corps", page)
    if key not in entry.derived:
        entry.derived[key] = sanitize_body(entry.body, page)
    return entry.derived[key]


def crumb(label: str, page: str, anchor: str = "") -> tuple[str, str, str]:
    return (label, page, anchor)


Trail = tuple[tuple[str, str, str], ...] | list[tuple[str, str, str]]
DIRECTORY = crumb("Annuaire", "poles/index.md")
AGENDA = crumb("Agenda", "agenda/index.md")
TOOLKIT = crumb("Boîte à outils", urls.TOOLKIT)
LIBRARY = crumb("Bibliothèque", urls.RESOURCES)


def source_list(corpus: Corpus, ids: list[str]) -> str:
    if not ids:
        return "Aucune source indiquée.\n"
    items = []
    for sid in ids:
        src = corpus.sources.get(sid, {})
        parts = [inline(src.get("titre", sid))]
        if src.get("auteur"):
            parts.append(inline(src["auteur"]))
        if src.get("date"):
            parts.append(inline(src["date"]))
        items.append(", ".join(parts))
    return bullets(items)
