"""Chapter downloads: PDF (pandoc -> Typst), EPUB and DOCX from the same Markdown; fiches outils as a PDF
(their own Typst source) and DOCX and ODT documents to fill in.

Deterministic and cached: the cache key is the content, the metadata and the
toolchain versions, so an unchanged chapter is never regenerated and a cached
build gives the same bytes as a clean one.
"""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from ptce.records import dates
from ptce.text import typography

TEMPLATE_VERSION = "6"  # bump when the Typst wrapper or the conversions below change
FORMATS = ("pdf", "epub", "docx")  # a chapter's downloads
FORM_FORMATS = ("pdf", "docx", "odt")  # a fiche outil's: printed, or filled in with a word processor
PUBLISHER = "ptce.fr"


class DownloadError(Exception):
    """A produced file holds something the build did not put there: it is not published."""


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
    html: str  # what pandoc reads: sanitized chapter HTML prepared by to_pandoc (never Markdown)
    typst: str | None = None  # a fiche outil: its whole Typst source (no cover, no table of contents)
    form: bool = False  # a fiche outil: no table of contents, A4 pages and bordered tables to write in


def toolchain() -> str:
    import pypandoc
    import typst

    return (
        f"pandoc {pypandoc.get_pandoc_version()} typst {getattr(typst, '__version__', '?')} "
        f"template {TEMPLATE_VERSION}"
    )


@functools.lru_cache(maxsize=64)  # a few chapters, read again on every rebuild of the preview
def to_pandoc(chapter_html: str, page_dir_url: str) -> str:
    """Sanitized chapter HTML (html.render_chapter) -> what pandoc reads.

    pandoc never sees the contributor's Markdown, whose pandoc dialect is richer than the site's (raw
    blocks, attributes, metadata blocks that read files): only HTML within the chapter allow-list.
    Admonitions become quotes with a bold title, links become absolute (a download lives outside the
    site), French typography is applied."""
    root = lxml.html.fragment_fromstring(chapter_html, create_parent="div")
    for box in root.xpath("//div[contains(concat(' ', @class, ' '), ' admonition ')] | //details"):
        title = box.find("summary") if box.tag == "details" else box.find("p[@class='admonition-title']")
        if title is not None:
            title.tag, title.attrib.clear()
            strong = lxml.html.Element("strong")
            strong.text, title.text = title.text, None
            strong.extend(list(title))
            title.append(strong)
            title.tag = "p"
        box.tag = "blockquote"
        box.attrib.clear()
    ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
    for a in root.iter("a"):
        href = a.get("href")
        if href and href.startswith("#") and href[1:] not in ids:
            del a.attrib["href"]  # a dangling anchor (a footnote without its call…) breaks Typst's labels
        elif href and not href.startswith("#") and not urlsplit(href).scheme:
            a.set("href", _absolute(page_dir_url, href))
    typography.french_tree(root)
    return _inner(root)


def _inner(root) -> str:
    """The children of a wrapper element: pandoc sees headings inside a <div> as no section at all."""
    return html.escape(root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )


def _absolute(base: str, target: str) -> str:
    """A relative link of the chapter, as an absolute URL (a link to a .md source: its published page)."""
    path, _, fragment = target.partition("#")
    if path.endswith(".md"):
        path = path.removesuffix(".md")
        path = path[: -len("index")] if path.endswith("index") else path + "/"
    return urljoin(base, path) + (f"#{fragment}" if fragment else "")


def _typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _version_line(version: str, date: str) -> str:
    """« Version 1.2 du 23 novembre 2026 », or « Version du 23 novembre 2026 » when version is the date."""
    day = dates.parse_partial(date).french()
    return f"Version du {day}" if version == date else f"Version {version} du {day}"


def _pandoc(html_text: str, to: str, *args: str, out: Path | None = None, date: str) -> str:
    """pandoc from HTML only, in its sandbox: it reads no file but its input (no image, no include)."""
    import pypandoc

    cmd = [pypandoc.get_pandoc_path(), "--sandbox", "-f", "html", "-t", to, *args]
    if out is not None:
        cmd += ["-o", str(out)]
    done = subprocess.run(cmd, input=html_text, check=True, env=_env(date), capture_output=True, text=True)
    return done.stdout


def typst_document(
    docs: list[Document], title: str, subtitle: str, version: str, date: str, licence: str, url: str
) -> str:
    """Typst source: cover, table of contents, then the chapters converted by pandoc."""
    y, m, d = (int(x) for x in date.split("-"))
    parts = [
        f"#set document(title: {_typst_string(title)}, author: {_typst_string(PUBLISHER)}, "
        f"""date: datetime(year: {y}, month: {m}, day: {d}))
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm), numbering: "1")
#set text(lang: "fr", region: "FR", font: "Libertinus Serif", size: 11pt, hyphenate: true)
#set par(justify: true)
#set heading(numbering: none)
#show table: set text(hyphenate: false)
#show table: set align(left)
#show table: set par(justify: false)
#show link: set text(fill: rgb("#00695c"))
#let horizontalrule = line(length: 100%, stroke: 0.5pt + gray)
#show quote.where(block: true): it => block(fill: luma(242), stroke: (left: 3pt + rgb("#00695c")), """
        f"""inset: 9pt, width: 100%, it.body)
#page(numbering: none)[
  #v(5cm)
  #text(size: 12pt, fill: gray)[Boîte à outils des PTCE]
  #v(0.6cm)
  #text(size: 24pt, weight: "bold")[{_escape(title)}]
  #v(0.4cm)
  #text(size: 13pt)[{_escape(subtitle)}]
  #v(2cm)
  {_escape(_version_line(version, date))}\\
  Licence : {_escape(licence)}\\
  Adresse permanente : #link({_typst_string(url)})[{_escape(url)}]
]
#outline(title: "Table des matières", depth: 2)
#pagebreak()
"""
    ]
    for doc in docs:
        body = doc.html if len(docs) == 1 else prefix_anchors(doc.html, doc.slug)
        shift = "--shift-heading-level-by=-1" if len(docs) == 1 else "--shift-heading-level-by=0"
        if len(docs) > 1:
            parts.append(f"#pagebreak(weak: true)\n= {_escape(doc.title)}\n")
        parts.append(_pandoc(body, "typst", shift, "--wrap=none", date=date))
    return "\n".join(parts)


def prefix_anchors(chapter_html: str, prefix: str) -> str:
    """In a book of several chapters, section anchors must stay unique."""
    root = lxml.html.fragment_fromstring(chapter_html, create_parent="div")
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("id"):
            el.set("id", f"{prefix}-{el.get('id')}")
        if (el.get("href") or "").startswith("#"):
            el.set("href", f"#{prefix}-{el.get('href')[1:]}")
    return _inner(root)


def _escape(text: str) -> str:
    """Plain text inside Typst markup."""
    return re.sub(r"([\\#*_`$<>@\[\]~/])", r"\\\1", text)


def _env(date: str) -> dict:
    import datetime as dt

    epoch = int(dt.datetime.fromisoformat(date + "T00:00:00+00:00").timestamp())
    return {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}


def build_one(docs: list[Document], *, fmt: str, out: Path, **meta: str) -> None:
    """One download; any failure of pandoc or Typst is a DownloadError in French, never a crash."""
    try:
        _build_one(docs, fmt=fmt, out=out, **meta)
    except (subprocess.CalledProcessError, RuntimeError, ValueError) as exc:  # typst.TypstError: RuntimeError
        detail = exc.stderr if isinstance(exc, subprocess.CalledProcessError) else str(exc)
        reason = " ".join(str(detail).split())[:200]
        raise DownloadError(f"{meta['title']} ({fmt.upper()}) : la conversion a échoué ({reason})") from None


def _build_one(
    docs: list[Document],
    *,
    title: str,
    subtitle: str,
    version: str,
    date: str,
    licence: str,
    url: str,
    fmt: str,
    out: Path,
) -> None:
    import typst

    if fmt == "pdf":
        source = docs[0].typst or typst_document(docs, title, subtitle, version, date, licence, url)
        with tempfile.TemporaryDirectory() as tmp:  # Typst reads files under its root only: this empty folder
            src = Path(tmp) / "doc.typ"
            src.write_text(source, encoding="utf-8")
            out.write_bytes(typst.compile(str(src), root=tmp))
        return
    body = "\n".join((f"<h1>{html.escape(d.title)}</h1>" if len(docs) > 1 else "") + d.html for d in docs)
    meta = {
        "title": title,
        "subtitle": subtitle,
        "author": PUBLISHER,
        "publisher": PUBLISHER,
        "lang": "fr-FR",
        "date": date,
        "rights": f"{licence} — {url}",
        "identifier": url,  # else a random EPUB uuid
        "toc-title": "Table des matières",
        "description": _version_line(version, date),
    }
    form = docs[0].form
    if form:  # printed under the title of a form: the version and its day, in French
        meta["date"] = _version_line(version, date)
    args = [f"--metadata={key}:{value}" for key, value in meta.items()]
    args += [] if form else ["--toc", "--toc-depth=2"]
    args.append("--shift-heading-level-by=-1" if len(docs) == 1 else "--shift-heading-level-by=0")
    _pandoc(body, "epub3" if fmt == "epub" else fmt, *args, out=out, date=date)
    if form:
        fill_in(out, fmt)
    problems = package_problems(out, fmt)
    if problems:
        out.unlink()
        raise DownloadError(f"{title} ({fmt.upper()}) : " + " ; ".join(problems))


# What pandoc writes for our input, and nothing else: a file of another name (an image, a font, a
# media file) or an active element would have come from somewhere the build did not intend.
_PARTS = {
    "epub": re.compile(
        r"mimetype|META-INF/(container|com\.apple\.ibooks\.display-options)\.xml|"
        r"EPUB/(content\.opf|toc\.ncx|nav\.xhtml|styles/stylesheet\d*\.css|text/[\w-]+\.xhtml)"
    ),
    "docx": re.compile(
        r"\[Content_Types\]\.xml|_rels/\.rels|docProps/(app|core|custom)\.xml|"
        r"word/(_rels/)?[\w.]+\.(xml|rels)|word/theme/theme\d+\.xml"
    ),
    "odt": re.compile(r"mimetype|META-INF/manifest\.xml|(content|styles|meta|settings)\.xml|manifest\.rdf"),
}
_ACTIVE = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "img",
    "image",
    "video",
    "audio",
    "source",
    "base",
    "frame",
    "frameset",
    "applet",
    "svg",
    "math",
    "input",
    "button",
    # OpenDocument: macros, event handlers, embedded objects and plug-ins
    "scripts",
    "event-listener",
    "event-listeners",
    "object-ole",
    "plugin",
}
_SCHEMES = {"http", "https", "mailto"}


def package_problems(path: Path, fmt: str) -> list[str]:
    """Anything in an EPUB or DOCX that our sanitized HTML could not have produced (French)."""
    problems = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not _PARTS[fmt].fullmatch(name):
                problems.append(f"fichier inattendu {name}")
            elif name.endswith((".xhtml", ".rels", ".opf")) or (
                fmt == "odt" and name.endswith((".xml", ".rdf"))
            ):
                problems += _xml_problems(name, z.read(name))
    return problems


def _xml_problems(name: str, data: bytes) -> list[str]:
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return [f"{name} : XML invalide"]
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname
        if tag in _ACTIVE:
            out.append(f"{name} : élément <{tag}>")
        for attr, value in el.attrib.items():
            local = etree.QName(attr).localname
            if local.lower().startswith("on"):
                out.append(f"{name} : attribut {local}")
            elif local in ("href", "src", "Target") and urlsplit(value.strip()).scheme.lower() not in (
                "",
                *_SCHEMES,
            ):
                out.append(f"{name} : lien {value[:40]}")
        if (
            tag == "Relationship"
            and el.get("TargetMode") == "External"
            and not el.get("Type", "").endswith("/hyperlink")
        ):
            out.append(f"{name} : ressource externe {el.get('Target', '')[:40]}")
    return out


# A fiche outil to fill in: what pandoc writes, made usable on paper and on screen. A4 pages (pandoc's
# reference documents are US Letter), and borders on every table cell: an answer space is a table cell,
# invisible without its border.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A4_TWIPS = (11906, 16838)  # 21 x 29.7 cm
_MARGIN_TWIPS = 1021  # 1.8 cm
_PANDOC_TEXT_WIDTH = 7920  # twips: the width pandoc gives a table's columns (US Letter, 1 inch margins)
_ODF_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_ODF_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_BORDER = "0.5pt solid #000000"


def fill_in(path: Path, fmt: str) -> None:
    """Rewrite a DOCX or ODT written by pandoc as a form: A4 pages, bordered cells (same bytes every run)."""
    parts = {
        "docx": {"word/document.xml": _docx_form},
        "odt": {"content.xml": _odt_cells, "styles.xml": _odt_page},
    }
    todo = parts[fmt]
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for info, data in items:
            change = todo.get(info.filename)
            z.writestr(info, change(data) if change else data)
    tmp.replace(path)


def _xml(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def _docx_form(data: bytes) -> bytes:
    root = _xml(data)
    width = _A4_TWIPS[0] - 2 * _MARGIN_TWIPS
    for tbl_pr in root.iter(f"{_W}tblPr"):
        borders = etree.Element(f"{_W}tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            etree.SubElement(
                borders,
                f"{_W}{side}",
                {f"{_W}val": "single", f"{_W}sz": "4", f"{_W}space": "0", f"{_W}color": "000000"},
            )
        layout = tbl_pr.find(f"{_W}tblLayout")  # tblBorders comes before tblLayout in the schema's order
        if layout is not None:
            layout.addprevious(borders)
        else:
            tbl_pr.append(borders)
    for col in root.iter(f"{_W}gridCol"):
        col.set(f"{_W}w", str(round(int(col.get(f"{_W}w", "0")) * width / _PANDOC_TEXT_WIDTH)))
    for sect in root.iter(f"{_W}sectPr"):
        for old in sect.findall(f"{_W}pgSz") + sect.findall(f"{_W}pgMar"):
            sect.remove(old)
        etree.SubElement(sect, f"{_W}pgSz", {f"{_W}w": str(_A4_TWIPS[0]), f"{_W}h": str(_A4_TWIPS[1])})
        margin = str(_MARGIN_TWIPS)
        etree.SubElement(
            sect,
            f"{_W}pgMar",
            {
                **{f"{_W}{side}": margin for side in ("top", "right", "bottom", "left")},
                f"{_W}header": "567",
                f"{_W}footer": "567",
                f"{_W}gutter": "0",
            },
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _odt_cells(data: bytes) -> bytes:
    root = _xml(data)
    for props in root.iter(f"{_ODF_STYLE}table-cell-properties"):
        props.set(f"{_ODF_FO}border", _BORDER)
        props.set(f"{_ODF_FO}padding", "0.1cm")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _odt_page(data: bytes) -> bytes:
    root = _xml(data)
    for props in root.iter(f"{_ODF_STYLE}page-layout-properties"):
        props.set(f"{_ODF_FO}page-width", "21cm")
        props.set(f"{_ODF_FO}page-height", "29.7cm")
        for side in ("top", "bottom", "left", "right"):
            props.set(f"{_ODF_FO}margin-{side}", "1.8cm")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


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
