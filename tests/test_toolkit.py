"""The toolkit: chapters online at permanent URLs, downloads that say what they are."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, mkdocs_build
from pypdf import PdfReader

from ptce.records.dates import parse_partial
from ptce.render import downloads, toolkit

SITE = "https://ptce.fr/"


def registry() -> list[str]:
    lines = (ROOT / "data/urls-publiees.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def resolves(site: Path, url: str) -> bool:
    path, _, anchor = url.partition("#")
    page = site / path.lstrip("/") / "index.html"
    if not page.is_file():
        return False
    html = page.read_text(encoding="utf-8")
    if 'http-equiv="refresh"' in html:
        return True
    return not anchor or f'id="{anchor}"' in html


def test_every_published_url_still_resolves(built):
    urls = registry()
    assert len(urls) >= 1 + 8 + 1 + 9 + 27
    missing = [u for u in urls if not resolves(built, u)]
    assert missing == []


def test_every_chapter_is_registered_and_listed(real_corpus, built):
    corpus = real_corpus
    assert len(corpus.chapters) >= 8
    index = (built / "boite-a-outils/index.html").read_text(encoding="utf-8")
    for e in corpus.chapters:
        assert f"/boite-a-outils/{e.fiche.id}/" in registry()
        for fmt in downloads.FORMATS:
            assert Path(toolkit.file_name(e, fmt)).name in index, (e.fiche.id, fmt)
    assert Path(toolkit.whole_file_name(corpus)).name in index


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def fonts_embedded(path: Path) -> bool:
    seen = 0
    for page in PdfReader(path).pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            desc = target.get("/FontDescriptor")
            if desc is None:
                return False
            desc = desc.get_object()
            if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                return False
            seen += 1
    return seen > 0


def test_chapter_downloads_carry_title_version_date_and_fonts(real_corpus, built):
    corpus = real_corpus
    for e in corpus.chapters:
        f = e.fiche
        pdf = built / toolkit.file_name(e, "pdf")
        text = " ".join(pdf_text(pdf).split())
        for needle in (
            f"Version {f.version} du {f.date.french()}",
            "Table des matières",
            toolkit.page_url(SITE, f.id),
        ):
            assert needle in text, (f.id, needle)
        assert " ".join(f.titre.split())[:30] in text.replace("’", "'"), f.id
        assert fonts_embedded(pdf), f.id
        with zipfile.ZipFile(built / toolkit.file_name(e, "epub")) as z:
            assert z.read("mimetype") == b"application/epub+zip"
            assert "META-INF/container.xml" in z.namelist()
            assert any(
                n.endswith(".xhtml") and f.titre.split()[0].encode() in z.read(n) for n in z.namelist()
            )
        with zipfile.ZipFile(built / toolkit.file_name(e, "docx")) as z:
            assert "word/document.xml" in z.namelist() and "[Content_Types].xml" in z.namelist()
    whole = pdf_text(built / toolkit.whole_file_name(corpus))
    assert all(
        " ".join(e.fiche.titre.split())[:25] in " ".join(whole.split()).replace("’", "'")
        for e in corpus.chapters
    )
    cover = " ".join(whole.split()[:40])
    version = toolkit.whole_version(corpus)  # the cover says the day in French, once
    assert f"Version du {parse_partial(version).french()}" in cover, cover
    assert version not in cover, cover  # « Version 2026-11-23 — 2026-11-23 » said the date twice


def test_chapter_page_has_citation_history_and_anchored_sections(real_corpus, built):
    corpus = real_corpus
    for e in corpus.chapters:
        html = (built / "boite-a-outils" / e.fiche.id / "index.html").read_text(encoding="utf-8")
        assert 'id="citer"' in html and "@misc{ptce-" in html and 'id="historique-des-versions"' in html
        ids = re.findall(r'<h[23][^>]* id="([^"]+)"', html)
        for anchor in re.findall(r"\{: #([\w-]+) \}", e.body):
            assert anchor in ids, (e.fiche.id, anchor)


def test_cache_regenerates_nothing_unchanged_and_matches_a_clean_run(real_corpus, tmp_path):
    corpus = real_corpus
    e = corpus.chapters[0]
    doc = toolkit.document(e, SITE)
    meta = dict(
        title=doc.title,
        subtitle=doc.subtitle,
        version=doc.version,
        date=doc.date,
        licence=doc.licence,
        url=doc.url,
    )
    for fmt in downloads.FORMATS:
        first, made = downloads.build([doc], tmp_path / "a", fmt, **meta)
        again, remade = downloads.build([doc], tmp_path / "a", fmt, **meta)
        clean, _ = downloads.build([doc], tmp_path / "b", fmt, **meta)
        assert made and not remade and first == again
        assert first.read_bytes() == clean.read_bytes(), fmt
    changed = toolkit.Document(**{**doc.__dict__, "html": doc.html + "<p>Une phrase de plus.</p>"})
    _, remade = downloads.build([changed], tmp_path / "a", "pdf", **meta)
    assert remade


@pytest.mark.build
def test_renamed_chapter_keeps_its_old_address(tmp_path):
    project = copy_project(tmp_path)
    chapter = next((project / "data/chapitres").glob("*.md"))
    text = chapter.read_text(encoding="utf-8")
    old = re.search(r'^id: "?([\w-]+)"?', text, re.M).group(1)
    text = re.sub(r'^id: "?[\w-]+"?', 'id: "nouveau-nom"', text, count=1, flags=re.M)
    text = text.replace("\nnumero:", f'\nanciennes_adresses: ["{old}"]\nnumero:', 1)
    chapter.write_text(text, encoding="utf-8")
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr[-2000:]
    stub = (project / "site/boite-a-outils" / old / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in stub and "https://ptce.fr/boite-a-outils/nouveau-nom/" in stub
    assert (project / "site/boite-a-outils/nouveau-nom/index.html").is_file()
