"""Markup checks shared by the hostile corpus and the property tests: what contributed text could inject."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown

from ptce.text import html

# The same Markdown extensions as mkdocs.yml (a test in test_securite.py checks it).
SITE_EXTENSIONS = html.CHAPTER_EXTENSIONS
MARKERS = ("alert(", "msgbox(", "PWNED", "evil.example", "/etc/passwd")


def page_html(page_markdown: str) -> str:
    """The HTML MkDocs would make of a generated page (front matter removed)."""
    body = page_markdown.split("\n---\n", 1)[1] if page_markdown.startswith("---\n") else page_markdown
    return markdown.markdown(body, extensions=SITE_EXTENSIONS, output_format="html")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attrs))
        if tag == "script":
            self._in_script = attrs
            self.scripts.append((attrs, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def _scheme(url: str) -> str | None:
    m = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20\x7f]+", "", url).lower())
    return m.group(1) if m else None


def unsafe_markup(html_text: str, page: bool = True) -> list[str]:
    """Markup that contributed text could have injected: none is acceptable.

    page=True for a generated page fragment (only the site's own map iframe and JSON-LD
    script are expected); page=False for a whole built page (the theme's scripts too)."""
    parser = _Tags()
    parser.feed(html_text)
    found = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "data", "srcdoc", "poster") and _scheme(
                value
            ) not in (None, "http", "https", "mailto", "tel", "webcal"):
                found.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("object", "embed", "base", "frame", "frameset", "applet") or (
            page and tag in ("form", "input", "button", "svg", "math")
        ):  # the theme has a search form and icons
            found.append(f"<{tag}>")
        if tag == "style" and page:
            found.append("<style>")
        if tag == "iframe" and not (
            "ptce-carte" in attrs.get("class", "") and "cartes/" in attrs.get("src", "")
        ):
            found.append(f"<iframe {attrs.get('src', '')[:40]}>")
        if tag == "img" and page and not re.fullmatch(r"(\.\./)+medias/[\w.-]+", attrs.get("src", "")):
            if "src" in attrs:
                found.append(f"<img src={attrs['src'][:40]}>")
    for attrs, text in parser.scripts:
        kind = attrs.get("type", "")
        if kind in ("application/ld+json", "application/json"):
            if "<" in text:
                found.append("< inside a JSON script")
        elif "src" in attrs:
            if _scheme(attrs["src"]) is not None:
                found.append(f"<script src={attrs['src'][:40]}>")
        elif page or any(m in text for m in MARKERS):
            found.append("<script>" + text[:40])
    return found
