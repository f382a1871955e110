"""Atom feeds (agenda, actualités): one builder, deterministic output."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Item:
    url: str
    title: str
    updated: dt.date
    summary: str


def atom(feed_url: str, page_url: str, title: str, items: list[Item], today: dt.date) -> bytes:
    """updated = the build date, so two builds of one commit give the same bytes."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", page_url)
    sub(feed, "title", title)
    sub(feed, "updated", f"{today.isoformat()}T00:00:00Z")
    sub(feed, "link", href=page_url)
    sub(feed, "link", rel="self", href=feed_url)
    sub(sub(feed, "author"), "name", "ptce.fr")
    for item in items:
        entry = sub(feed, "entry")
        sub(entry, "id", item.url)
        sub(entry, "title", item.title)
        sub(entry, "link", href=item.url)
        sub(entry, "updated", f"{item.updated.isoformat()}T00:00:00Z")
        sub(entry, "summary", item.summary)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def summary(text: str, limit: int = 300) -> str:
    """A feed summary: whole words, with « … » when the text goes on."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
