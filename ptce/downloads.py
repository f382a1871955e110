"""Chapter downloads: PDF (pandoc -> Typst), EPUB and DOCX from the same Markdown.

Deterministic and cached: the cache key is the content, the metadata and the
toolchain versions, so an unchanged chapter is never regenerated and a cached
build gives the same bytes as a clean one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

TEMPLATE_VERSION = "5"  # bump when the Typst wrapper or the conversions below change
FORMATS = ("pdf", "epub", "docx")
_ADMONITION = re.compile(r"^(?P<indent> *)(?:!!!|\?\?\?\+?) *(?P<kind>[\w-]+)(?: +\"(?P<title>[^\"]*)\")? *\n(?P<body>(?:(?P=indent) {4}.*\n|[ \t]*\n)*)", re.M)
_ATTR_HEADING = re.compile(r"\{:\s*#([\w-]+)\s*\}\s*$", re.M)
_MD_LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s]+?)\.md(#[\w-]+)?\)")


@dataclass(frozen=True)
class Document:
    """What goes into one download: a chapter or the whole toolkit."""

    slug: str
    title: str
    subtitle: str
    version: str
    date: str  # ISO day
    licence: str
    url: str  # permanent URL of the chapter on the site
    markdown: str  # pandoc Markdown (see to_pandoc)


def toolchain() -> str:
    import pypandoc
    import typst
    return f"pandoc {pypandoc.get_pandoc_version()} typst {getattr(typst, '__version__', '?')} template {TEMPLATE_VERSION}"


def french_spacing(text: str) -> str:
    """Non-breaking spaces before : ; ! ? » and after « (outside code and link targets)."""
    text = re.sub(r"« ?", "«\u00a0", text)
    text = re.sub(r" ?»", "\u00a0»", text)
    text = re.sub(r"(?<=\S) ([;!?])(?=\s|$)", "\u202f\\1", text, flags=re.M)
    return re.sub(r"(?<=[^\s:]) :(?=\s|$)", "\u00a0:", text, flags=re.M)


def to_pandoc(body: str, page_dir_url: str) -> str:
    """MkDocs-Material Markdown -> pandoc Markdown: admonitions, anchors, absolute links."""
    def admonition(m):
        inner = "\n".join(line[len(m["indent"]) + 4:] if line.strip() else "" for line in m["body"].split("\n"))
        title = f"**{m['title']}**\n\n" if m["title"] else ""
        quoted = "\n".join("> " + line if line else ">" for line in (title + inner.strip()).split("\n"))
        return quoted + "\n\n"
    text = _ADMONITION.sub(admonition, body)
    text = _ATTR_HEADING.sub(lambda m: "{#" + m.group(1) + "}", text)
    text = _MD_LINK.sub(lambda m: "](" + _absolute(page_dir_url, m.group(1)) + (m.group(2) or "") + ")", text)
    return french_spacing(text)


def _absolute(base: str, target: str) -> str:
    """A link to a .md source, as the absolute URL of the published page."""
    return urljoin(base, target[: -len("index")] if target.endswith("index") else target + "/")


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_document(docs: list[Document], title: str, subtitle: str, version: str, date: str, licence: str, url: str) -> str:
    """Typst source: cover, table of contents, then the chapters converted by pandoc."""
    import pypandoc
    y, m, d = (int(x) for x in date.split("-"))
    parts = [f"""#set document(title: {_typst_string(title)}, author: "ptce.fr", date: datetime(year: {y}, month: {m}, day: {d}))
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm), numbering: "1")
#set text(lang: "fr", region: "FR", font: "Libertinus Serif", size: 11pt, hyphenate: true)
#set par(justify: true)
#set heading(numbering: none)
#show table: set text(hyphenate: false)
#show table: set align(left)
#show table: set par(justify: false)
#show link: set text(fill: rgb("#00695c"))
#let horizontalrule = line(length: 100%, stroke: 0.5pt + gray)
#show quote.where(block: true): it => block(fill: luma(242), stroke: (left: 3pt + rgb("#00695c")), inset: 9pt, width: 100%, it.body)
#page(numbering: none)[
  #v(5cm)
  #text(size: 12pt, fill: gray)[Boîte à outils des PTCE]
  #v(0.6cm)
  #text(size: 24pt, weight: "bold")[{_escape(title)}]
  #v(0.4cm)
  #text(size: 13pt)[{_escape(subtitle)}]
  #v(2cm)
  Version {_escape(version)} — {_escape(date)}\\
  Licence : {_escape(licence)}\\
  Adresse permanente : #link({_typst_string(url)})[{_escape(url)}]
]
#outline(title: "Table des matières", depth: 2)
#pagebreak()
"""]
    for doc in docs:
        markdown = doc.markdown if len(docs) == 1 else prefix_anchors(doc.markdown, doc.slug)
        body = pypandoc.convert_text(markdown, "typst", format="markdown", extra_args=["--shift-heading-level-by=-1" if len(docs) == 1 else "--shift-heading-level-by=0", "--wrap=none"])
        if len(docs) > 1:
            parts.append(f"#pagebreak(weak: true)\n= {_escape(doc.title)}\n")
        parts.append(body)
    return "\n".join(parts)


def prefix_anchors(markdown: str, prefix: str) -> str:
    """In a book of several chapters, section anchors must stay unique."""
    markdown = re.sub(r"\{#([\w-]+)\}", lambda m: "{#" + prefix + "-" + m.group(1) + "}", markdown)
    return re.sub(r"\]\(#([\w-]+)\)", lambda m: "](#" + prefix + "-" + m.group(1) + ")", markdown)


def _escape(text: str) -> str:
    """Plain text inside Typst markup."""
    return re.sub(r"([\\#*_`$<>@\[\]~/])", r"\\\1", text)


def _env(date: str) -> dict:
    import datetime as dt
    epoch = int(dt.datetime.fromisoformat(date + "T00:00:00+00:00").timestamp())
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}


def build_one(docs: list[Document], *, title: str, subtitle: str, version: str, date: str, licence: str, url: str,
              fmt: str, out: Path) -> None:
    import pypandoc
    import typst
    if fmt == "pdf":
        source = typst_document(docs, title, subtitle, version, date, licence, url)
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "doc.typ"
            src.write_text(source, encoding="utf-8")
            out.write_bytes(typst.compile(str(src)))
        return
    markdown = "\n\n".join((f"# {d.title}\n\n" if len(docs) > 1 else "") + d.markdown for d in docs)
    meta = ["--metadata", f"title={title}", "--metadata", f"subtitle={subtitle}", "--metadata", "lang=fr-FR",
            "--metadata", f"date={date}", "--metadata", f"rights={licence} — {url}",
            "--metadata", f"identifier={url}",  # otherwise pandoc writes a random EPUB uuid "--metadata", "author=ptce.fr", "--toc",
            "--shift-heading-level-by=-1" if len(docs) == 1 else "--shift-heading-level-by=0",
            "--metadata", "toc-title=Table des matières"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.md"
        src.write_text(markdown, encoding="utf-8")
        subprocess.run([pypandoc.get_pandoc_path(), str(src), "-f", "markdown", "-t", "epub3" if fmt == "epub" else "docx",
                        "-o", str(out), *meta], check=True, env=_env(date), capture_output=True)


def cache_key(docs: list[Document], fmt: str, **meta) -> str:
    h = hashlib.sha256(toolchain().encode())
    h.update(fmt.encode())
    h.update(repr(sorted(meta.items())).encode())
    for d in docs:
        h.update(repr(d).encode())
    return h.hexdigest()[:32]


def build(docs: list[Document], cache: Path, fmt: str, **meta) -> tuple[Path, bool]:
    """The file for these documents in this format; (path, True) when it was regenerated."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / f"{cache_key(docs, fmt, **meta)}.{fmt}"
    if target.exists():
        return target, False
    partial = target.with_suffix(".part")
    build_one(docs, fmt=fmt, out=partial, **meta)
    partial.replace(target)
    return target, True


def clear(cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
