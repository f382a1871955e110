"""Markdown building blocks shared by every page renderer."""

from __future__ import annotations

import yaml

from ptce.records.corpus import Corpus
from ptce.text.html import esc, md


def front_matter(title: str, description: str, **extra) -> str:
    meta = {"title": esc(title), "description": esc(description), **extra}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


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
