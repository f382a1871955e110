"""Safe output: contributor text is escaped, contributor Markdown is sanitized."""

from __future__ import annotations

import functools
import html
import posixpath
import re

import markdown
import nh3

from ptce.text import urls

# What a contributed Markdown body may produce, and nothing else (see CONTRIBUTING,
# « Ce que le corps d'une fiche peut contenir », and sanitize_body below).
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sup",
    "sub",
    "abbr",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "img": {"src", "alt", "title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
BODY_EXTENSIONS = ["sane_lists", "tables"]
# Python-Markdown is quadratic in the "[" and "<" of one paragraph (8,000 "[" take 11 s):
# past these limits a body is an error at load time and is shown as plain escaped text.
MAX_BODY_CHARS = 20_000
MAX_BRACKETS_PER_BLOCK = 200
# Images a body may show: files of data/medias/ in these formats (no SVG: it can carry scripts), checked to
# exist and to be what they say by records/medias.py.
EXTENSIONS = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
_MEDIA = re.compile(r"medias/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})")
# Of the characters Python-Markdown (with the tables extension) lets a backslash escape, those that mean
# something anywhere in a line; the others (- + . ! ( )) only where a block could start: at the start of
# the text (a list, an ordered list, an admonition); > is already &gt;. Every escape costs Python-Markdown
# an inline pattern: escaping every period and hyphen of every name made fiche pages 5 to 7 % slower.
_MD_ANYWHERE = re.compile(r"([\\`*_{}\[\]#|])")
_MD_AT_START = re.compile(r"^(?:[-+.!()]|\d+[.)])")


def media_name(src: str) -> str | None:
    """'nom.jpg' for 'medias/nom.jpg' (a bare file name with an image extension), else None."""
    m = _MEDIA.fullmatch(src.strip())
    if not m or posixpath.splitext(m.group(1))[1].lower() not in EXTENSIONS or ".." in m.group(1):
        return None
    return m.group(1)


def esc(text: object) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Escape contributor text for inline Markdown: shown literally, never interpreted."""
    text = _MD_ANYWHERE.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))
    start = _MD_AT_START.match(text)
    return text if start is None else text[: start.end() - 1] + "\\" + text[start.end() - 1 :]


def inline(text: object) -> str:
    """The HTML Python-Markdown makes of md(text): for generated HTML that must read the same."""
    return html.escape(" ".join(str(text).split()), quote=False)


def page_link(target: str, page_src: str, text: object) -> str:
    """A link to the page built from the docs-relative target, as MkDocs writes a Markdown link to it in
    the page built from page_src."""
    href = from_page(urls.address(target) or ".", page_src) + ("/" if target.endswith(".md") else "")
    return f'<a href="{esc(href)}">{inline(text)}</a>'


def table(head: list[str], rows: list[list[str]]) -> str:
    """A table as Python-Markdown's tables extension writes it, from cells already in HTML: a long list
    (1,000 poles on /carte/) goes through Markdown as one raw block, not 5,000 cells to parse."""
    out = ["<table>", "<thead>", "<tr>", *(f"<th>{h}</th>" for h in head), "</tr>", "</thead>", "<tbody>"]
    for cells in rows:
        out += ["<tr>", *(f"<td>{c}</td>" for c in cells), "</tr>"]
    return "\n".join([*out, "</tbody>", "</table>"]) + "\n"


def bullets(items: list[str]) -> str:
    """A bulleted list as Python-Markdown writes it, from items already in HTML."""
    return "\n".join(["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"]) + "\n"


def link(url: str, text: str) -> str:
    """An external link; url was validated (http(s), mailto or tel) by the models."""
    return f'<a href="{esc(url)}">{esc(text)}</a>'


def body_problem(text: str, max_chars: int = MAX_BODY_CHARS) -> tuple[int, str] | None:
    """(line offset in the body, French reason) when a body is too big or intricate to render."""
    if len(text) > max_chars:
        return 0, f"présentation trop longue ({len(text)} caractères, maximum {max_chars}) : résumez-la"
    line = 0
    for block in re.split(r"(\n[ \t]*\n)", text):
        if block.strip() and block.count("[") + block.count("<") > MAX_BRACKETS_PER_BLOCK:
            return line, (
                f"paragraphe avec trop de « [ » ou « < » (plus de {MAX_BRACKETS_PER_BLOCK}) : "
                "il ne peut pas être mis en forme, simplifiez-le"
            )
        line += block.count("\n")
    return None


@functools.lru_cache(maxsize=8)
def _converter(extensions: tuple[str, ...], body: bool) -> markdown.Markdown:
    # a body: column alignment as align="…", which the allow-list keeps (not style="…")
    configs = {"tables": {"use_align_attribute": True}} if body else {}
    return markdown.Markdown(extensions=list(extensions), extension_configs=configs, output_format="html")


def convert(text: str, extensions: list[str]) -> str:
    """markdown.markdown(text, extensions) with a converter made once and reset for each text: loading
    the extensions took longer than converting most fiches."""
    return _converter(tuple(extensions), False).reset().convert(text)


def render_markdown(text: str, extensions=None) -> str:
    """Python-Markdown's raw HTML, before any cleaning (also what medias.py inspects)."""
    if extensions is None:
        return _converter(tuple(BODY_EXTENSIONS), True).reset().convert(text)
    return convert(text, extensions)


def sanitize_body(text: str, page: str | None = None) -> str:
    """Render a contributed Markdown body to HTML limited to the allow-list.

    Allowed: paragraphs, line breaks, bold and italics, lists, tables, quotes, code, horizontal
    rules, headings h2 to h4 (a "# title" becomes h2), links whose scheme is http, https or
    mailto (any other scheme, such as javascript: or data:, loses its href), and images of the
    repository only: src "medias/<nom>.<png|jpg|jpeg|webp|gif>" (checked to exist by medias.py
    at load time) rewritten to the site's /medias/ folder as seen from page, the generated
    page's docs-relative source; any other src is removed. Everything else is dropped: other
    tags (their text is kept), <script> and <style> with their content, comments, every
    attribute outside ALLOWED_ATTRIBUTES (onerror, onclick, style…). A body too long or too
    intricate (body_problem) is shown as escaped plain text.
    """
    if body_problem(text):
        return "\n".join(
            f"<p>{esc(block.strip())}</p>" for block in re.split(r"\n[ \t]*\n", text) if block.strip()
        )
    rendered = render_markdown(text)
    rendered = re.sub(r"<(/?)h1>", r"<\1h2>", rendered)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            name = media_name(value)
            return from_page(f"medias/{name}", page) if name and page else None
        return value

    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    ).strip()


def from_page(target: str, page_src: str) -> str:
    """Relative URL of a site file (not a page) seen from the page built from page_src.

    With directory URLs, docs/poles/x.md is served at poles/x/, one level deeper than its source.
    """
    base = (
        page_src[: -len("index.md")] if page_src.endswith("index.md") else page_src.removesuffix(".md") + "/"
    )
    return posixpath.relpath(target, base.rstrip("/") or ".")


@functools.lru_cache(maxsize=65536)  # the same links on every page of a kind
def rel(target: str, source: str) -> str:
    """Link from one docs-relative .md path to another, as MkDocs resolves it."""
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


# Chapters: Markdown with the site's extensions (mkdocs.yml), published on the site and converted to PDF,
# EPUB and DOCX. What they may produce is this allow-list, applied by sanitize_chapter to the final HTML
# of the chapter page (macros/hooks.py) and to the HTML handed to pandoc (downloads.py); at load time,
# chapter_problems reports whatever the sanitizer would remove, and such a chapter is not published.
CHAPTER_EXTENSIONS = [
    "toc",
    "admonition",
    "attr_list",
    "def_list",
    "tables",
    "footnotes",
    "md_in_html",
    "sane_lists",
    "pymdownx.details",
]
_ADMONITIONS = {
    "admonition",
    "note",
    "abstract",
    "summary",
    "tldr",
    "info",
    "todo",
    "tip",
    "hint",
    "important",
    "success",
    "check",
    "done",
    "question",
    "help",
    "faq",
    "warning",
    "caution",
    "attention",
    "failure",
    "fail",
    "missing",
    "danger",
    "error",
    "bug",
    "example",
    "quote",
    "cite",
}
_LANGUAGES = {"language-" + name for name in ("bibtex", "text", "yaml", "json", "csv", "markdown", "python")}
CHAPTER_TAGS = (ALLOWED_TAGS - {"img"}) | {
    "h1",
    "h5",
    "h6",
    "div",
    "span",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "del",
    "ins",
    "kbd",
    "mark",
    "small",
    "caption",
}
_HEADINGS = {f"h{i}" for i in range(1, 7)}
CHAPTER_ATTRIBUTES = {
    **{h: {"id"} for h in _HEADINGS},
    "a": {"href", "title", "download", "id"},
    "abbr": {"title"},
    "th": {"style"},
    "td": {"style"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
    "details": {"open"},
    "div": {"id"},
}
CHAPTER_CLASSES = {
    "div": _ADMONITIONS | {"footnote"},
    "details": _ADMONITIONS,
    "p": {"admonition-title"},
    "a": {"headerlink", "md-button", "md-button--primary", "footnote-ref", "footnote-backref"},
    "code": _LANGUAGES,
}


def sanitize_chapter(rendered: str) -> str:
    """Chapter HTML limited to the allow-list above (no script, handler, style but table alignment…)."""
    return nh3.clean(
        rendered,
        tags=CHAPTER_TAGS,
        attributes=CHAPTER_ATTRIBUTES,
        allowed_classes=CHAPTER_CLASSES,
        filter_style_properties={"text-align"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


@functools.lru_cache(maxsize=64)  # a few chapters: their check, their sections, page and downloads
def chapter_markdown(body: str) -> str:
    """A chapter body through Python-Markdown with the site's extensions, before the allow-list."""
    return convert(body, CHAPTER_EXTENSIONS)


@functools.lru_cache(maxsize=64)
def render_chapter(body: str) -> str:
    """A chapter body as the site renders it, sanitized: what the downloads are made from."""
    return sanitize_chapter(chapter_markdown(body))
