"""Safe output: contributor text is escaped, contributor Markdown is sanitized."""

from __future__ import annotations

import html
import posixpath
import re

import markdown
import nh3

# What a contributed Markdown body may produce, and nothing else (see CONTRIBUTING).
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
                "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "hr", "sup", "sub", "abbr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Exactly the characters Python-Markdown (with the tables extension) lets a backslash escape.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


def esc(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Escape contributor text for inline Markdown: shown literally, never interpreted."""
    flat = " ".join(str(text).split())
    return _MD_SPECIALS.sub(r"\\\1", html.escape(flat, quote=False))


def link(url: str, text: str) -> str:
    """An external link; url was validated (http(s), mailto or tel) by the models."""
    return f'<a href="{esc(url)}">{esc(text)}</a>'


def sanitize_body(text: str) -> str:
    """Render a contributed Markdown body to HTML limited to the allow-list."""
    rendered = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    rendered = re.sub(r"<(/?)h1>", r"<\1h2>", rendered)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    ).strip()


def from_page(target: str, page_src: str) -> str:
    """Relative URL of a site file (not a page) seen from the page built from page_src.

    With directory URLs, docs/poles/x.md is served at poles/x/, one level deeper than its source.
    """
    base = page_src[: -len("index.md")] if page_src.endswith("index.md") else page_src.removesuffix(".md") + "/"
    return posixpath.relpath(target, base.rstrip("/") or ".")


def rel(target: str, source: str) -> str:
    """Link from one docs-relative .md path to another, as MkDocs resolves it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")
