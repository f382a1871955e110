"""French typography, applied once for every output: site pages (macros/hooks.py), PDF, EPUB and DOCX
(downloads.py).

Non-breaking space after « and before », before : (where a space was written); narrow non-breaking
space before ; ! ?; typographic apostrophe between letters. Only visible text changes: never code,
preformatted text, keyboard input, attributes (URLs, identifiers), scripts or styles, so what readers
copy (an address, a code, a command) stays as written.
"""

from __future__ import annotations

import functools
import html
import re

import lxml.html

NBSP, NNBSP = "\u00a0", "\u202f"
_RULES = [
    (re.compile("«[ \u00a0\u202f]?"), "«" + NBSP),
    (re.compile("[ \u00a0\u202f]?»"), NBSP + "»"),
    (re.compile("(?<=\\S)[ \u00a0]([;!?])(?=\\s|$|[»)])", re.M), NNBSP + r"\1"),
    (re.compile("(?<=[^\\s:])[ \u202f]:(?=\\s|$)", re.M), NBSP + ":"),
    (re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"), "\u2019"),
]
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"}


@functools.lru_cache(maxsize=4096)  # the same labels and headings on many pages
def french(text: str) -> str:
    """Plain text with French spacing and apostrophes."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


@functools.lru_cache(maxsize=16384)
def french_markup(text: str) -> str:
    """The same for a short text already escaped for HTML (page titles: « l&#x27;étude »)."""
    return html.escape(french(html.unescape(text)))


def _needs_work(text: str) -> bool:
    return any(c in text for c in "«»:;!?'")


def french_tree(root) -> None:
    """Apply french() to the visible text of an lxml tree, in place (one walk: whether an element sits
    inside code is passed down, not looked up among its ancestors for every element)."""

    def walk(el, verbatim: bool) -> None:
        inside = verbatim or el.tag in VERBATIM
        if el.text and not inside and _needs_work(el.text):
            el.text = french(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                continue  # comments, processing instructions (and their tails) stay as they are
            walk(child, inside)
            if child.tail and not inside and _needs_work(child.tail):
                child.tail = french(child.tail)

    walk(root, False)


def french_html(fragment: str) -> str:
    """An HTML fragment with French typography in its visible text."""
    if not _needs_work(fragment) or not fragment.strip():
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    french_tree(root)
    out = lxml.html.tostring(root, encoding="unicode")
    return out[len("<div>") : -len("</div>")]
