"""Fiches outils (data/outils/): what a contributor may write in one, the French message for what is
refused, and what a reader gets from a good one (page, fillable DOCX and ODT, PDF), on a small repository
of their own: a fiche is data, never code."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, make_root
from lxml import etree

from ptce.records import outils as grids
from ptce.records.corpus import load
from ptce.render import downloads
from ptce.render import outils as fiches

SITE = "https://ptce.fr/"
TODAY = dt.date(2026, 12, 2)

GOOD_BODY = """Un mode d'emploi en une phrase.

## Avant la visite
D'après : #objectifs, #etapes

Un paragraphe de contexte.

- ? Qui inviter à la visite,
  et pourquoi ?
- [ ] Les collectivités intéressées sont invitées.

## Après la visite
D'après : #reperage

- ? Qu'en retenir ?
"""


def fiche(outil_id: str = "visite", body: str = GOOD_BODY, chapitre: str = "arts-culture", **extra) -> str:
    head = {
        "id": outil_id,
        "titre": "Préparer une visite",
        "chapitre": chapitre,
        "resume": "Une fiche d'essai.",
        "version": "1.0",
        "date": "2026-12-02",
        **extra,
    }
    lines = [f'{k}: "{v}"' for k, v in head.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def repository(tmp_path: Path, files: dict[str, str]) -> Path:
    """A repository with the fixtures' chapter « arts-culture » and these fiches outils."""
    root = make_root(tmp_path / "depot")
    (root / "data" / "chapitres").mkdir()
    shutil.copy(FIXTURES / "chapitres" / "arts-culture.md", root / "data" / "chapitres")
    (root / "data" / "outils").mkdir()
    for name, text in files.items():
        (root / "data" / "outils" / name).write_text(text, encoding="utf-8")
    return root


# --------------------------------------------------------------------------------------- grammar


def test_a_body_becomes_parts_with_their_sources_paragraphs_questions_and_boxes():
    grid, problems = grids.parse(GOOD_BODY)
    assert problems == []
    assert grid.intro == ("Un mode d'emploi en une phrase.",)
    first, second = grid.parts
    assert (first.title, first.anchors) == ("Avant la visite", ("objectifs", "etapes"))
    assert [type(b).__name__ for b in first.blocks] == ["Paragraph", "Item", "Item"]
    assert first.items == [
        grids.Item("question", "Qui inviter à la visite, et pourquoi ?"),  # two lines, one question
        grids.Item("case", "Les collectivités intéressées sont invitées."),
    ]
    assert (second.anchors, second.items) == (("reperage",), [grids.Item("question", "Qu'en retenir ?")])


PART = "## Partie\nD'après : #objectifs\n\n"
REFUSED = [
    # (body, line of the problem in the body, what the message says)
    (PART + "- ? Qui <script>alert(1)</script> ?", 3, "balise HTML « <script> » non acceptée"),
    (PART + '- ? <img src=x onerror="alert(1)">', 3, "balise HTML"),
    (PART + "- ? Avant <!-- caché --> après ?", 3, "balise HTML"),
    (PART + "- ? Voir [le site](https://exemple.fr) ?", 3, "lien ou image non accepté"),
    (PART + "- ? ![](medias/x.png)", 3, "lien ou image non accepté"),
    ("# Titre\nD'après : #objectifs\n- ? Q ?", 0, "seuls les titres de niveau 2"),
    (PART + "### Sous-partie\n- ? Q ?", 3, "seuls les titres de niveau 2"),
    (PART + "1. Une question ?", 3, "liste numérotée non acceptée"),
    (PART + "- [x] Déjà fait.", 3, "case déjà cochée"),
    (PART + "- Une question sans marque ?", 3, "sans « ? » (question) ni « [ ] »"),
    ("- ? Hors de toute partie ?\n\n" + PART + "- ? Q ?", 0, "se placent dans une partie"),
    ("## Partie\n\n- ? Q ?", 0, "sans sa source"),
    (PART + "Un paragraphe seul.", 0, "sans question ni case à cocher"),
    ("## Partie\nD'après : objectifs\n- ? Q ?", 1, "ancre « objectifs » invalide"),
    ("## Partie\nD'après :\n- ? Q ?", 1, "ligne « D'après » vide"),
    (PART + "- ? Q ?\nD'après : #etapes", 4, "juste sous le titre"),
    (PART + "- ? " + "mot " * 120 + "?", 3, "texte trop long"),
    (PART + "- ? Une p\u0430rtie ?", 3, "mêle des alphabets"),  # a Cyrillic « а »
    ("", 0, "aucune partie"),
]


@pytest.mark.parametrize(("body", "line", "message"), REFUSED, ids=[m for _, _, m in REFUSED])
def test_what_the_grammar_refuses_gets_a_french_message_on_its_line(body, line, message):
    _, problems = grids.parse(body)
    assert any(at == line and message in text for at, text in problems), problems


# ------------------------------------------------------------------------ checks on the corpus


def test_bad_fiches_are_refused_in_french_and_only_good_ones_are_published(tmp_path):
    root = repository(
        tmp_path,
        {
            "bonne.md": fiche("visite"),
            "chapitre-inconnu.md": fiche("autre", chapitre="arts-cultur"),
            "ancre-inconnue.md": fiche("ancre", body=PART.replace("objectifs", "objectif") + "- ? Q ?"),
            "doublon.md": fiche("visite"),
            "reservee.md": fiche("index"),
            "script.md": fiche("script", body=PART + "- ? <script>alert(1)</script>"),
            "titre-script.md": fiche("titre", titre="<script>alert(1)</script>"),
            "mauvais-id.md": fiche("Mauvais_Id"),
        },
    )
    corpus = load(root)
    checked, errors = grids.check(corpus)
    assert [c.entry.fiche.id for c in checked] == ["visite"]
    found = [str(e) for e in errors + [e for e in corpus.errors if "/outils/" in e.path]]

    def said(name: str, text: str) -> bool:
        return any(f"data/outils/{name}" in line and text in line for line in found)

    assert said("chapitre-inconnu.md", "chapitre: aucun chapitre d'identifiant « arts-cultur »")
    assert said("chapitre-inconnu.md", "Vouliez-vous dire « arts-culture » ?")
    assert said("ancre-inconnue.md", "aucune section « #objectif » dans le chapitre « arts-culture »")
    assert said("doublon.md", "l'adresse « visite » est déjà utilisée par data/outils/bonne.md")
    assert said("reservee.md", "l'identifiant « index » est réservé")
    assert said("script.md", "corps: balise HTML « <script> » non acceptée")
    assert said("titre-script.md", "titre: balise HTML « <script> » non acceptée")
    assert said("mauvais-id.md", "id: « Mauvais_Id » n'est pas un identifiant")


def test_the_build_warns_of_a_refused_fiche_and_publishes_no_page_for_it(tmp_path):
    """mkdocs build --strict fails on a warning: a refused fiche stops the build with its message."""
    root = repository(
        tmp_path, {"bonne.md": fiche("visite"), "script.md": fiche("script", body=PART + "- ? <b>x</b>")}
    )
    warnings: list[str] = []
    corpus = load(root)
    pages, files = fiches.outputs(corpus, SITE, tmp_path / "cache", TODAY, warnings.append)
    assert [p for p, _, _ in pages] == ["boite-a-outils/outils/visite.md", "boite-a-outils/outils/index.md"]
    # The build warns of every error of the corpus (macros/hooks.py), the validator reports them too.
    heard = warnings + [str(e) for e in corpus.errors]
    assert any("data/outils/script.md" in w and "balise HTML « <b> »" in w for w in heard), heard
    assert sorted(Path(uri).name for uri in files) == [
        f"ptce-outil-visite-v1.0-2026-12-02.{fmt}" for fmt in ("docx", "odt", "pdf")
    ]
    for uri, path in files.items():
        if not uri.endswith(".pdf"):
            assert downloads.package_problems(path, uri.rsplit(".", 1)[1]) == []


def test_contributed_text_stays_text_in_the_page_and_the_documents(tmp_path):
    """Markup that the grammar lets through as text (an ampersand, stars, an « inférieur à ») is shown
    as written, never interpreted, on the page and in what pandoc and Typst read."""
    body = PART + '- ? Coûts & recettes : *tout* compte, même 3 < 4 et "#set" ?'
    root = repository(tmp_path, {"a.md": fiche("a", body=body)})
    checked, errors = grids.check(load(root))
    assert errors == []
    c = checked[0]
    page = fiches.page(c, load(root), [], SITE, TODAY)
    assert "Coûts &amp; recettes : *tout* compte, même 3 &lt; 4 et &quot;#set&quot; ?" in page
    html = plain(fiches.form_html(c, SITE))
    assert "Coûts &amp; recettes : *tout* compte, même 3 &lt; 4" in html and "<script" not in html
    typst = fiches.form_typst(c, SITE)
    assert '#"1. ' not in typst and '\\"#set\\"' in typst  # a Typst string literal, quotes escaped


# ------------------------------------------------------------------------------- documents


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The three documents of one fiche, built once for the module."""
    tmp = tmp_path_factory.mktemp("outils")
    root = repository(tmp, {"visite.md": fiche("visite")})
    pages, files = fiches.outputs(load(root), SITE, tmp / "cache", TODAY, pytest.fail)
    return {uri.rsplit(".", 1)[1]: path for uri, path in files.items()}


QUESTIONS = ["Qui inviter à la visite, et pourquoi ?", "Qu’en retenir ?"]
BOX = "Les collectivités intéressées sont invitées."


def plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_docx_is_an_a4_form_whose_questions_have_an_empty_bordered_cell_to_write_in(made):
    document = docx.Document(str(made["docx"]))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    rows = [[plain(cell.text) for cell in row.cells] for t in document.tables for row in t.rows]
    for question in QUESTIONS:
        row = next(r for r in rows if r[0].endswith(question))
        assert row[1] == "", row  # the answer space
    assert any(r[0] == f"☐ {BOX}" and r[1] == "" for r in rows), rows
    body = zipfile.ZipFile(made["docx"]).read("word/document.xml")
    tables = etree.fromstring(body).iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")
    for table in tables:  # without borders an empty cell is invisible: no answer space at all
        assert table.find(".//{*}tblBorders/{*}insideH") is not None


def test_odt_is_an_a4_form_whose_questions_have_an_empty_bordered_cell_to_write_in(made):
    odf = pytest.importorskip(
        "odf",
        reason="odfpy absent : ajoutez « odfpy==1.4.1 » et « defusedxml==0.7.1 » à requirements.txt pour "
        "lire les ODT comme un traitement de texte",
    )
    from odf import opendocument, style, table, teletype

    assert odf
    document = opendocument.load(str(made["odt"]))
    rows = [
        [plain(teletype.extractText(cell)) for cell in row.getElementsByType(table.TableCell)]
        for row in document.getElementsByType(table.TableRow)
    ]
    for question in QUESTIONS:
        row = next(r for r in rows if r[0].endswith(question))
        assert row[1] == "", row
    assert any(r[0] == f"☐ {BOX}" and r[1] == "" for r in rows), rows
    cells = document.automaticstyles.getElementsByType(style.TableCellProperties)
    assert cells and all(c.getAttribute("border") not in (None, "none") for c in cells)
    layout = document.automaticstyles.getElementsByType(style.PageLayoutProperties) or (
        document.styles.getElementsByType(style.PageLayoutProperties)
    )
    assert {(p.getAttribute("pagewidth"), p.getAttribute("pageheight")) for p in layout} == {
        ("21cm", "29.7cm")
    }


def test_pdf_is_a_sheet_with_every_question_and_its_origin(made):
    from pypdf import PdfReader

    reader = PdfReader(made["pdf"])
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    for needle in [
        *QUESTIONS,
        BOX,
        "Une proposition de ptce.fr",
        "D’après le chapitre",
        SITE + "boite-a-outils/",
    ]:
        assert needle in text, needle
    assert "Table des matières" not in text  # a sheet, not a book
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points


SCRIPT_NS = b'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
SCRIPTS = (
    b'<office:scripts><office:event-listeners><script:event-listener script:language="ooo:script" '
    b'script:event-name="dom:load" xlink:href="vnd.sun.star.script:x"/></office:event-listeners>'
    b"</office:scripts>"
)


def test_an_odt_carrying_macros_or_an_unexpected_file_is_refused(made, tmp_path):
    assert downloads.package_problems(made["odt"], "odt") == []
    hostile = tmp_path / "hostile.odt"
    with zipfile.ZipFile(made["odt"]) as src, zipfile.ZipFile(hostile, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "content.xml":
                data = data.replace(b"<office:body>", SCRIPTS + b"<office:body>", 1)
                if b"xmlns:script=" not in data:
                    data = data.replace(
                        b"<office:document-content ", b"<office:document-content " + SCRIPT_NS, 1
                    )
            out.writestr(info, data)
        out.writestr("Basic/Standard/Module1.xml", b"<x/>")
    problems = downloads.package_problems(hostile, "odt")
    assert "fichier inattendu Basic/Standard/Module1.xml" in problems
    assert any("<scripts>" in p for p in problems) and any("<event-listener>" in p for p in problems), (
        problems
    )
    assert any("lien vnd.sun.star.script:x" in p for p in problems), problems


def test_the_validator_reports_a_refused_fiche_outil(tmp_path):
    """Contributors run scripts/validate.py before proposing: a broken fiche outil is named there too."""
    import subprocess
    import sys

    from conftest import ROOT

    root = repository(tmp_path, {"script.md": fiche("script", body=PART + "- ? <b>x</b>")})
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--racine", str(root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "data/outils/script.md" in result.stdout and "balise HTML « <b> »" in result.stdout


def test_search_results_call_a_fiche_outil_by_its_kind():
    from ptce.postbuild.search import page_type

    assert page_type("boite-a-outils/outils/grille-monographie/") == "Fiche outil"
    assert page_type("boite-a-outils/accompagner/") == "Chapitre"
