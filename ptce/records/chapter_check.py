"""What the chapter sanitizer would remove, reported to the contributor in French.

A chapter body is rendered with the site's Markdown extensions, then cleaned by
``html.sanitize_chapter`` (one allow-list for the page and the downloads). The check compares the
elements before and after cleaning with an HTML5 parser (the one browsers follow): anything the
sanitizer drops or alters is an error on ``corps``, and the chapter is not published. No pattern is
run on the Markdown source: what counts is the HTML it becomes.
"""

from __future__ import annotations

import re
from collections import Counter

from selectolax.lexbor import LexborHTMLParser

from ptce.records.errors import DataError, show
from ptce.records.medias import _line_of, scheme
from ptce.text import html

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "cite", "xlink:href"}


def _normal(name: str, value: str) -> str:
    """The sanitizer rewrites a kept style as "text-align:center": compare styles without spaces."""
    return re.sub(r"\s+", "", value).rstrip(";") if name == "style" else value


def _elements(fragment: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    body = LexborHTMLParser(f"<body>{fragment}</body>").body
    out: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    for node in body.traverse(include_text=False) if body is not None else ():
        if node.tag is None or node.tag in ("body", "-comment"):
            continue
        attrs = tuple(sorted((k, _normal(k, v or "")) for k, v in node.attributes.items()))
        out.append((node.tag, attrs))
    return out


def _why(tag: str, attrs: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """(what to look for in the source, French reason) for an element the sanitizer changed."""
    if tag == "img":
        src = dict(attrs).get("src", "")
        return src or "![", (
            f"image {show(src)} non acceptée dans un chapitre (les chapitres sont aussi convertis "
            "en PDF, EPUB et DOCX, qui n'embarquent pas d'image)"
        )
    if tag not in html.CHAPTER_TAGS:
        return f"<{tag}", (
            f"balise <{tag}> non acceptée dans un chapitre : écrivez en Markdown "
            "(titres, listes, tableaux, liens, encadrés « !!! note »)"
        )
    allowed = html.CHAPTER_ATTRIBUTES.get(tag, set())
    for name, value in attrs:
        if name in _URL_ATTRIBUTES and scheme(value) not in (None, *html.URL_SCHEMES):
            return value.strip()[:20] or name, (
                f"lien {show(value)} refusé : seuls les liens https://, http://, "
                "mailto: et les liens vers d'autres pages du site sont acceptés"
            )
        if name == "class":
            bad = [c for c in value.split() if c not in html.CHAPTER_CLASSES.get(tag, set())]
            if bad:
                return bad[0], f"classe {show(bad[0])} non acceptée sur <{tag}> dans un chapitre"
        elif name == "style" and name in allowed:
            return (
                "style",
                f"style {show(value)} non accepté : seul l'alignement des colonnes de tableau l'est",
            )
        elif name not in allowed:
            return name, f"attribut {show(name)} non accepté sur <{tag}> dans un chapitre"
    return f"<{tag}", f"balisage <{tag}> non accepté dans un chapitre : écrivez en Markdown"


def chapter_problems(body: str, first_line: int, path: str) -> list[DataError]:
    """Errors for whatever the chapter allow-list would remove from this body's HTML."""
    rendered = html.chapter_markdown(body)
    removed = Counter(_elements(rendered)) - Counter(_elements(html.sanitize_chapter(rendered)))
    errors = []
    for tag, attrs in sorted(removed):
        needle, reason = _why(tag, attrs)
        errors.append(DataError(path, _line_of(needle, body, first_line, "<"), "corps", reason))
    return sorted(set(errors))
