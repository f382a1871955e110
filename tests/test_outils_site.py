"""The fiches outils of the real site: each chapter ends with at least one, at a registered permanent
address; each fiche is a page to fill in and print (navigation hidden, one A4 sheet when short) and
opens as a DOCX (python-docx), an ODT (odfpy) and a PDF with all its questions and answer spaces."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import OUTPUT, ROOT
from pypdf import PdfReader

from ptce.records import outils as grids
from ptce.render import downloads
from ptce.render import outils as fiches

pytestmark = pytest.mark.build

# The seven categories of « une grille d'analyse commune » for the monographs, as the plan of January 2013
# words them (action 2.1, « Réaliser des monographies »), and the three roles it gives the collectivités
# (partie 3.4): the two grids the issue asks for.
MONOGRAPH_CATEGORIES = [
    "Finalités du pôle",
    "Origine de la coopération et conditions d'émergence",
    "Facteurs internes et externes de structuration en pôle",
    "Leadership et parties prenantes",
    "Modes de gouvernance du pôle",
    "Modèles économiques et financements",
    "Impacts sur l'emploi et les territoires",
]
POSTURES = ["Impulseur", "Facilitateur", "Partie prenante"]


def plain(text: str) -> str:
    """Text as read: typographic spaces and apostrophes as plain ones."""
    return " ".join(text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture(scope="module")
def checked(real_corpus):
    ok, errors = grids.check(real_corpus)
    assert [str(e) for e in errors] == []
    return ok


def registry() -> list[str]:
    lines = (ROOT / "data/urls-publiees.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_chapter_ends_with_fiches_outils_at_registered_addresses(real_corpus, checked, built):
    assert len(checked) >= 8
    assert {c.chapter.fiche.id for c in checked} == {e.fiche.id for e in real_corpus.chapters}
    toolkit_index = (built / "boite-a-outils" / "index.html").read_text(encoding="utf-8")
    all_index = (built / "boite-a-outils" / "outils" / "index.html").read_text(encoding="utf-8")
    for c in checked:
        f = c.entry.fiche
        address = f"/boite-a-outils/outils/{f.id}/"
        assert address in registry(), address
        assert (built / address.strip("/") / "index.html").is_file(), address
        chapter = (built / "boite-a-outils" / c.chapter.fiche.id / "index.html").read_text(encoding="utf-8")
        end = chapter[chapter.index('id="fiches-outils"') :]  # the section after the chapter's body
        assert f'href="../outils/{f.id}/"' in end, (c.chapter.fiche.id, f.id)
        assert f'href="outils/{f.id}/"' in toolkit_index and f'href="{f.id}/"' in all_index, f.id


def test_the_two_grids_the_plan_describes_keep_its_words(checked):
    titles = {c.entry.fiche.id: [p.title for p in c.grid.parts] for c in checked}
    assert any(all(cat in parts for cat in MONOGRAPH_CATEGORIES) for parts in titles.values()), titles
    monograph = next(c for c in checked if MONOGRAPH_CATEGORIES[0] in [p.title for p in c.grid.parts])
    order = [p.title for p in monograph.grid.parts if p.title in MONOGRAPH_CATEGORIES]
    assert order == MONOGRAPH_CATEGORIES  # in the plan's order
    assert monograph.chapter.fiche.id == "experiences"
    postures = [
        c
        for c in checked
        if c.chapter.fiche.id == "collectivites"
        and all(any(p.title == name for p in c.grid.parts) for name in POSTURES)
    ]
    assert postures, titles


def test_each_fiche_says_it_is_the_sites_proposal_and_where_each_part_comes_from(checked, built):
    for c in checked:
        page = (built / "boite-a-outils" / "outils" / c.entry.fiche.id / "index.html").read_text(
            encoding="utf-8"
        )
        text = plain(re.sub(r"<[^>]+>", " ", page))
        assert "Une proposition de ptce.fr" in text and "Ce n'est pas un outil du plan d'action" in text
        assert f"{fiches.page_url('https://ptce.fr/', c.entry.fiche.id)} (consulté le" in text  # citation
        for part in c.grid.parts:
            for anchor in part.anchors:
                assert f'href="../../{c.chapter.fiche.id}/#{anchor}"' in page, (c.entry.fiche.id, anchor)
        labels = re.findall(r'<label for="outil-[qc]\d+">(.*?)</label>', page)
        assert len(labels) == len(c.grid.items), c.entry.fiche.id
        for item in c.grid.items:  # each question and box, as written, is a field's label
            assert plain(item.text) in text, (c.entry.fiche.id, item.text)


def test_downloads_are_dated_versioned_and_listed_on_the_page(checked, built):
    for c in checked:
        f = c.entry.fiche
        page = (built / "boite-a-outils" / "outils" / f.id / "index.html").read_text(encoding="utf-8")
        for fmt in downloads.FORM_FORMATS:
            name = f"ptce-outil-{f.id}-v{f.version}-{f.date.iso()}.{fmt}"
            assert (built / "boite-a-outils" / "telechargements" / name).is_file(), name
            assert f'href="../../telechargements/{name}" download' in page, name


def rows_of_docx(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[plain(cell.text) for cell in row.cells] for t in document.tables for row in t.rows]


def rows_of_odt(path: Path) -> list[list[str]]:
    from odf import opendocument, table, teletype

    document = opendocument.load(str(path))
    return [
        [plain(teletype.extractText(cell)) for cell in row.getElementsByType(table.TableCell)]
        for row in document.getElementsByType(table.TableRow)
    ]


def answer_spaces(rows: list[list[str]], c: grids.Checked) -> None:
    """Each question has its row with an empty cell to write in; each box its ☐ and a remarks cell."""
    questions = [i for i in c.grid.items if i.kind == "question"]
    for n, item in enumerate(questions, 1):
        row = next((r for r in rows if r[0] == f"{n}. {plain(item.text)}"), None)
        assert row is not None and row[1] == "", (c.entry.fiche.id, n, item.text)
    for item in (i for i in c.grid.items if i.kind == "case"):
        assert [f"☐ {plain(item.text)}", ""] in rows, (c.entry.fiche.id, item.text)


def test_every_docx_opens_as_an_a4_form_with_its_questions_and_answer_spaces(checked, built):
    for c in checked:
        path = built / fiches.file_name(c.entry, "docx")
        document = docx.Document(str(path))
        props = document.core_properties
        assert (plain(props.title), props.author, props.language) == (
            plain(c.entry.fiche.titre),
            "ptce.fr",
            "fr-FR",
        )
        assert round(document.sections[0].page_width.cm, 1) == 21.0
        answer_spaces(rows_of_docx(path), c)
        assert downloads.package_problems(path, "docx") == []


def test_every_odt_opens_as_a_form_with_its_questions_and_answer_spaces(checked, built):
    pytest.importorskip(
        "odf",
        reason="odfpy absent : ajoutez « odfpy==1.4.1 » et « defusedxml==0.7.1 » à requirements.txt",
    )
    from odf import dc, opendocument

    for c in checked:
        path = built / fiches.file_name(c.entry, "odt")
        with zipfile.ZipFile(path) as z:
            assert (
                z.namelist()[0] == "mimetype"
                and z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            )
        title = opendocument.load(str(path)).meta.getElementsByType(dc.Title)[0]
        assert plain(str(title)) == plain(c.entry.fiche.titre)
        answer_spaces(rows_of_odt(path), c)
        assert downloads.package_problems(path, "odt") == []


def test_every_pdf_is_an_a4_sheet_with_its_questions(checked, built):
    for c in checked:
        reader = PdfReader(built / fiches.file_name(c.entry, "pdf"))
        text = plain(" ".join(page.extract_text() for page in reader.pages))
        f = c.entry.fiche
        for needle in [f.titre, "Une proposition de ptce.fr", f"version {f.version} du {f.date.french()}"]:
            assert plain(needle) in text, (f.id, needle)
        for item in c.grid.items:
            assert plain(item.text) in text, (f.id, item.text)
        assert fiches.page_url("https://ptce.fr/", f.id) in text.replace(" ", "")
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842), f.id


# --- in the browser ------------------------------------------------------------------------------

SHOWN = "postures-collectivite"  # the fiche shown in the screenshots


def test_print_view_hides_navigation_and_fits_a_short_fiche_on_one_a4_page(browser, server, checked):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/boite-a-outils/outils/{SHOWN}/")
    page.fill("#outil-pole", "Pôle d'exemple")
    page.fill("#outil-q1", "Une réponse saisie à l'écran.")
    page.check("#outil-c1")
    page.emulate_media(media="print")
    hidden = [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-path",
        ".md-footer",
        ".ptce-outil-annexe",
        ".md-content__button",
    ]
    for selector in hidden:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator(".ptce-outil-questions textarea").first.is_visible()
    assert page.locator(".ptce-outil-pied").is_visible()  # the address and licence, on paper
    page.screenshot(path=str(OUTPUT / f"outil-{SHOWN}-impression.png"), full_page=True)
    pdf = OUTPUT / f"outil-{SHOWN}-impression.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = plain(reader.pages[0].extract_text())
    assert "Une réponse saisie à l'écran." in text and "Pôle d'exemple" in text
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_fiche_page_is_usable_and_accessible_at_both_widths(browser, server, width):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/boite-a-outils/outils/{SHOWN}/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUTPUT / f"outil-{SHOWN}-{width}.png"), full_page=True)
    # every field has its label, and the keyboard reaches the first box and ticks it
    for field in page.locator(".ptce-outil-questions textarea, .ptce-outil-cases input").all():
        assert page.locator(f'label[for="{field.get_attribute("id")}"]').count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    page.focus("#outil-c1")
    page.keyboard.press("Space")
    assert page.is_checked("#outil-c1")
    axe = Axe()
    page.evaluate(axe.axe_script)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    (OUTPUT / f"axe-outil-{SHOWN}-{width}.json").write_text(json.dumps(serious, ensure_ascii=False, indent=1))
    assert serious == []
    page.close()
