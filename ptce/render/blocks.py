"""Markdown building blocks shared by every page renderer."""

from __future__ import annotations

import yaml

from ptce.records.corpus import Corpus
from ptce.text import urls
from ptce.text.html import esc, md
from ptce.text.typography import french


def front_matter(title: str, description: str, trail: Trail = (), **extra) -> str:
    """A generated page's metadata; trail is its breadcrumb above the title (overrides/partials/path.html):
    (label, docs page, optional #anchor) from the section down, the page itself left out."""
    meta = {"title": esc(title), "description": esc(description), **extra}
    if trail:
        meta["fil"] = [[esc(french(label)), urls.address(page) + anchor] for label, page, anchor in trail]
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


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
    lines = []
    for sid in ids:
        src = corpus.sources.get(sid, {})
        parts = [md(src.get("titre", sid))]
        if src.get("auteur"):
            parts.append(md(src["auteur"]))
        if src.get("date"):
            parts.append(md(src["date"]))
        lines.append("- " + ", ".join(parts))
    return "\n".join(lines) + "\n"
