"""The self-positioning tool in a real browser (Debian's Chromium through Playwright): a visitor fills the
questionnaire with mouse and keyboard, exports JSON and CSV, reloads the shared address and finds the same
profile; what the tool exports pastes into a fiche; a tampered address gets a French message and loses
nothing; without JavaScript the page is a printable questionnaire; axe finds nothing serious at 1280 and
390 px. A second small site, whose fiches publish profiles, shows a fiche with its profile and the
comparison page, whose averages are computed here again from the fiches."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import statistics
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, OUTPUT, ROOT, copy_project, make_root, mkdocs_build

from ptce.records.corpus import load

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium absent : installez le paquet Debian « chromium » (make test le fait en root)",
    ),
]

TOOL = "boite-a-outils/autopositionnement/"
COMPARISON = "boite-a-outils/profils/"
WIDTHS = (1280, 390)
# What the visitor chooses, written out here (never read back from the code under test).
TYPOLOGY = {"milieu": "rural", "activite": "multi-activites", "forme": "lieu-et-reseau"}
OBJECTIVES = {"a": 3, "b": 4, "c": 2, "d": 1, "e": 4, "f": 3, "g": 2, "h": 1, "i": 3}
INDICATORS = {"01": 4, "05": 2, "12": 3, "19": 1}
LABELS = {1: "pas engagé", 2: "en réflexion", 3: "engagé", 4: "acquis"}
DATE, NAME, NOTE = "2025-10-01", "Pôle « Essai » de Caen", "Atelier du jeudi"


TILES = "tile.openstreetmap.org"  # the one outside host a fiche's map may call (aborted here)


def visit(browser, url: str, width: int, javascript: bool = True, tiles: bool = False):
    """A page at url; what went wrong is collected: console errors, failed or outside requests."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript, accept_downloads=True
    )
    page = context.new_page()
    problems: dict[str, list[str]] = {"console": [], "failed": [], "outside": []}

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            return r.continue_()
        if not (tiles and urlsplit(r.request.url).hostname == TILES):
            problems["outside"].append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: (
            problems["console"].append(m.text)
            if m.type == "error" and not (tiles and "net::ERR_FAILED" in m.text)
            else None
        ),
    )
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    page.on(
        "response", lambda r: problems["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    if javascript and "autopositionnement" in url:
        page.wait_for_selector("#ptce-auto[data-pret='oui']")
    return page, problems


def plain(text: str) -> str:
    """Text as typed: the site's typography puts non-breaking spaces and curly apostrophes in it."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")


def serious(axe, page) -> list:
    results = axe.run(page).response["violations"]
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in results
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def fill(page) -> None:
    """As a visitor does: text fields, one radio group with the keyboard, the others with the mouse."""
    page.fill("#ptce-auto-nom", NAME)
    page.fill("#ptce-auto-date", DATE)
    page.fill("#ptce-auto-note", NOTE)
    for axis, value in TYPOLOGY.items():
        page.click(f"label[for='ptce-t-{axis}-{value}']")
    page.focus("#ptce-o-a-1")
    page.keyboard.press("Space")  # 1
    page.keyboard.press("ArrowRight")  # 2
    page.keyboard.press("ArrowRight")  # 3: arrow keys move within the radio group only
    for key, level in OBJECTIVES.items():
        if key != "a":
            page.click(f"label[for='ptce-o-{key}-{level}']")
    for key, level in INDICATORS.items():
        page.check(f"#ptce-i-{key}-{level}")


def shown_levels(page, table: str) -> dict[str, str]:
    """First characters of each row header (« a. … », « 12. … ») → the level cell as read on screen."""
    rows = page.eval_on_selector_all(
        f"#{table} tbody tr", "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])"
    )
    return {head.split(".")[0]: level for head, level in rows}


def expected_profile() -> dict:
    return {
        "date": DATE,
        "typologie": TYPOLOGY,
        "objectifs": OBJECTIVES,
        "indicateurs": INDICATORS,
        "note": NOTE,
    }


def download(page, action: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(f"button[data-action='{action}']")
    d = info.value
    return d.suggested_filename, Path(d.path()).read_text(encoding="utf-8")


def fiche_with(profile_yaml: str) -> str:
    return f'---\nnom: "Pôle collé"\ncode_postal: "14000"\ndate_maj: "2025-12-01"\n{profile_yaml}---\n'


def test_fill_export_share_reload_and_paste(browser, server, tmp_path, monkeypatch):
    OUTPUT.mkdir(exist_ok=True)
    page, problems = visit(browser, f"{server}/{TOOL}", 1280)
    fill(page)
    assert page.is_checked("#ptce-o-a-3") and not page.is_checked("#ptce-o-a-1")

    # The profile: the table beside the chart says what was chosen; the chart has one bar per level given.
    objectives = shown_levels(page, "ptce-auto-tableau-objectifs")
    assert objectives == {k: f"{v} — {LABELS[v]}" for k, v in OBJECTIVES.items()}
    indicators = shown_levels(page, "ptce-auto-tableau-indicateurs")
    assert {k: v for k, v in indicators.items() if v != "non évalué"} == {
        str(int(k)): f"{v} — {LABELS[v]}" for k, v in INDICATORS.items()
    }
    assert page.locator("svg[role='img'][aria-labelledby='ptce-auto-graphique-objectifs']").count() == 1
    assert page.locator("svg[aria-labelledby='ptce-auto-graphique-objectifs'] rect").count() == len(
        OBJECTIVES
    )
    assert page.locator("svg[aria-labelledby='ptce-auto-graphique-indicateurs'] rect").count() == len(
        INDICATORS
    )
    summary = plain(page.inner_text(".ptce-auto__resume"))
    assert "Pôle « Essai » de Caen" in summary and "1er octobre 2025" in summary

    # The answers live in the fragment only: nothing is sent to the server.
    shared = page.url
    assert "#" in shared and "a=3" in shared.split("#", 1)[1] and "?" not in shared
    assert problems == {"console": [], "failed": [], "outside": []}, problems

    name, text = download(page, "json")
    assert name == "profil-referentiel-pole-essai-de-caen-2025-10-01.json"
    assert json.loads(text) == expected_profile()
    name, text = download(page, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_id = {(r["rubrique"], r["identifiant"]): r for r in rows}
    assert by_id[("objectif", "c")]["valeur"] == "2" and by_id[("objectif", "c")]["libelle"] == "en réflexion"
    assert by_id[("indicateur", "19")]["valeur"] == "1"
    assert (
        by_id[("indicateur", "02")]["valeur"] == "" and by_id[("indicateur", "02")]["libelle"] == "non évalué"
    )
    assert by_id[("typologie", "forme")]["valeur"] == "lieu-et-reseau"
    assert by_id[("profil", "pole")]["valeur"] == NAME
    yaml_block = page.inner_text("#ptce-auto-yaml")
    page.screenshot(path=str(OUTPUT / "autopositionnement-rempli-1280.png"), full_page=False)
    page.locator("#ptce-auto-resultat").screenshot(path=str(OUTPUT / "autopositionnement-resultat-1280.png"))

    # The shared address, opened again, gives the same profile.
    again, problems = visit(browser, shared, 1280)
    assert shown_levels(again, "ptce-auto-tableau-objectifs") == objectives
    assert shown_levels(again, "ptce-auto-tableau-indicateurs") == indicators
    assert again.input_value("#ptce-auto-nom") == NAME and again.input_value("#ptce-auto-date") == DATE
    assert again.is_checked("#ptce-t-forme-lieu-et-reseau") and again.is_checked("#ptce-o-h-1")
    assert json.loads(download(again, "json")[1]) == expected_profile()
    assert again.inner_text("#ptce-auto-yaml") == yaml_block
    assert again.url == shared
    assert problems == {"console": [], "failed": [], "outside": []}, problems

    # What the tool gives pastes into a fiche: the YAML block, or the JSON file after a dash.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    for n, block in enumerate(
        (yaml_block, "profils:\n  - " + json.dumps(expected_profile(), indent=2) + "\n")
    ):
        root = make_root(tmp_path / f"depot{n}", poles={"colle.md": fiche_with(block)})
        corpus = load(root)
        assert [str(e) for e in corpus.errors] == []
        profile = corpus.pole("colle").fiche.profils[-1]
        assert profile.niveaux_objectifs == OBJECTIVES and profile.niveaux_indicateurs == INDICATORS
        assert profile.typologie.model_dump() == TYPOLOGY and profile.note == NOTE

    # « Imprimer le profil »: the profile alone, on one A4 page.
    again.evaluate("window.print = () => {}")
    again.click("button[data-action='imprimer']")
    assert again.evaluate("document.documentElement.classList.contains('ptce-auto-impression')")
    again.emulate_media(media="print")
    pdf = again.pdf(format="A4")
    (OUTPUT / "autopositionnement-profil.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) == 1
    page.context.close()
    again.context.close()


def test_a_tampered_address_gets_a_french_message_and_loses_nothing(browser, server):
    tampered = "#date=2099-01-01&a=9&b=2&zz=1&10=3&milieu=lunaire&01=x&c=3&c=4"
    page, problems = visit(browser, f"{server}/{TOOL}{tampered}", 390)
    alert = page.locator("#ptce-auto-alerte[role='alert']")
    assert alert.is_visible()
    assert page.evaluate("document.activeElement.id") == "ptce-auto-alerte"  # shown at once, in view
    assert alert.evaluate(
        "e => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().top < innerHeight"
    )
    text = plain(alert.inner_text())
    for expected in (
        "« date=2099-01-01 » : date dans le futur",
        "« a=9 » : niveau hors de l'échelle (de 1 à 4)",
        "« zz=1 » : ni un objectif",
        "« 10=3 » : l'indicateur 10 n'est pas restitué par la source",
        "« milieu=lunaire » : valeur inconnue pour l'axe « Milieu »",
        "« 01=x » : niveau hors de l'échelle",
        "« c=4 » : valeur en double",
    ):
        assert expected in text, expected
    # What was valid is loaded, and the address stays as given until the visitor changes something.
    assert page.is_checked("#ptce-o-b-2") and page.is_checked("#ptce-o-c-3")
    assert not page.locator("input[name='o-a']:checked[value='9']").count()
    assert page.url.endswith(tampered)
    page.screenshot(path=str(OUTPUT / "autopositionnement-lien-altere-390.png"), full_page=False)
    page.click("label[for='ptce-o-d-2']")
    assert "d=2" in page.url and "zz=1" not in page.url and not alert.count()
    assert problems["console"] == [] and problems["outside"] == []
    page.context.close()


def test_without_javascript_a_printable_questionnaire(browser, server):
    page, problems = visit(browser, f"{server}/{TOOL}", 1280, javascript=False)
    questions = page.locator("fieldset.ptce-auto__question")
    assert questions.count() == 3 + 9 + 18  # typology axes, objectives, indicators the source gives
    assert page.locator("fieldset.ptce-auto__question > legend").count() == questions.count()
    for radio in page.locator("input[type='radio']").all():
        assert page.locator(f"label[for='{radio.get_attribute('id')}']").count() == 1
    assert page.locator("#ptce-auto-resultat").is_hidden()
    assert page.locator("input[type='radio']:checked").count() == 0  # blank circles to tick by hand
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf)) >= 2
    page.screenshot(path=str(OUTPUT / "autopositionnement-sans-js-1280.png"), full_page=False)
    assert problems["outside"] == []
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_serious(browser, server, axe, width):
    filled = "#date=2025-10-01&nom=Essai&milieu=rural&a=3&b=4&c=2&01=4&19=1"
    for name, path in (
        ("autopositionnement", TOOL),
        ("autopositionnement-profil", TOOL + filled),
        ("profils", COMPARISON),
        ("referentiel", "ptce/referentiel/"),
    ):
        page, problems = visit(browser, f"{server}/{path}", width)
        assert problems == {"console": [], "failed": [], "outside": []}, (name, problems)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name
        assert serious(axe, page) == [], (name, width)
        if name == "autopositionnement-profil":
            page.locator("#ptce-auto-resultat").screenshot(path=str(OUTPUT / f"{name}-{width}.png"))
        elif name != "referentiel":
            page.screenshot(path=str(OUTPUT / f"{name}-{width}.png"), full_page=False)
        page.context.close()


def test_real_site_has_no_profile_yet_and_says_so(built):
    """No real fiche publishes a profile (none is invented): the comparison says so and links the tool."""
    html = (built / COMPARISON / "index.html").read_text(encoding="utf-8")
    assert "Aucun profil publié pour l'instant" in plain(html)
    assert 'href="../autopositionnement/"' in html
    assert "<table" not in html.split("<article", 1)[1]


# --------------------------------------------------------------------------- fiches that publish profiles

PROFILE = """profils:
  - date: "2021-05-04"
    objectifs: {a: 2, b: 1, e: 3}
  - date: "2025-09-30"
    typologie:
      milieu: urbain
      activite: filiere
      forme: lieu-commun
    objectifs: {a: 4, b: 3, c: 2, d: 3, e: 4, f: 2, g: 3, h: 1, i: 2}
    indicateurs: {"01": 4, "02": 3, "14": 2}
    note: "Positionnement de démonstration (fiche de test)"
"""


@pytest.fixture(scope="module")
def profiled_site(tmp_path_factory):
    """The project with 150 synthetic poles (about two in five publish profiles) and a profile added to a
    copy of one real fiche: built once, with --strict."""
    import synthetique

    project = copy_project(tmp_path_factory.mktemp("profils"))
    if (ROOT / ".cache").is_dir():  # the downloads are the same: do not make them again
        shutil.copytree(ROOT / ".cache", project / ".cache")
    synthetique.generate(project, 150, 0, seed=0, keep_real=True)
    fiche = project / "data/poles/pole-sud-archer.md"
    head, body = fiche.read_text(encoding="utf-8").split("\n---\n", 1)
    fiche.write_text(head + "\n" + PROFILE + "---\n" + body, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def profiled_server(profiled_site):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(profiled_site / "site"))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_fiche_shows_its_latest_profile_and_history(browser, profiled_server, axe, width):
    page, problems = visit(browser, f"{profiled_server}/poles/pole-sud-archer/", width, tiles=True)
    assert problems["console"] == [] and problems["outside"] == [], problems
    text = plain(page.inner_text("article"))
    assert "Profil sur le référentiel d'action" in text
    assert "daté du 30 septembre 2025" in text
    assert "Typologie déclarée : pôle urbain, filière de production, lieu commun." in text
    assert "Profils antérieurs" in text and "4 mai 2021" in text
    assert page.locator("svg.ptce-profil-graphique[role='img'] rect").count() == 9
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert serious(axe, page) == [], width
    top = page.evaluate("document.getElementById('profil-sur-le-referentiel-daction').offsetTop")
    bottom = page.evaluate("document.getElementById('evenements').offsetTop")
    page.screenshot(
        path=str(OUTPUT / f"fiche-profil-{width}.png"),
        full_page=True,
        clip={"x": 0, "y": top - 20, "width": width, "height": bottom - top},
    )
    page.context.close()


def test_comparison_page_averages_are_the_profiles(browser, profiled_site, profiled_server, axe):
    corpus = load(profiled_site)
    latest = {
        e.slug: max(e.fiche.profils, key=lambda p: p.date.first_day())
        for e in corpus.poles
        if e.fiche.profils
    }
    assert len(latest) > 30
    for width in WIDTHS:
        page, problems = visit(browser, f"{profiled_server}/{COMPARISON}", width)
        assert problems == {"console": [], "failed": [], "outside": []}, problems
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        assert serious(axe, page) == [], width
        page.screenshot(path=str(OUTPUT / f"profils-publies-{width}.png"), full_page=False)
        if width == 1280:
            cells = page.eval_on_selector_all(
                "#profils-ensemble tbody td", "cells => cells.map(c => c.textContent.trim())"
            )
            assert cells[0] == str(len(latest))
            for letter, shown in zip("abcdefghi", cells[1:], strict=True):
                values = [p.objectifs.model_dump()[letter] for p in latest.values() if p.objectifs]
                values = [v for v in values if v is not None]
                mean, count = re.fullmatch(r"(\d+,\d) \((\d+)\)", plain(shown)).groups()
                assert int(count) == len(values), letter
                assert abs(float(mean.replace(",", ".")) - statistics.fmean(values)) <= 0.05 + 1e-9, letter
            rows = page.locator("#profils-poles tbody tr").count()
            assert rows == len(latest)
        page.context.close()
