"""The directory as readers use it (/poles/): combined filters, « près de chez moi », shared addresses,
bad input, and the page without JavaScript. Real Chromium; distances recomputed here from the geodata."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from conftest import CHROMIUM, OUTPUT, ROOT

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium absent : installez le paquet Debian « chromium » (make test le fait quand il est root)",
)


def _rows(path: str) -> list[list[str]]:
    lines = (ROOT / "data" / "geo" / path).read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines]


def _km(a, b) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _results(page) -> list[tuple[str, str]]:
    """(pole name, distance cell) of the first results table, as the reader sees it."""
    rows = page.locator("#annuaire-resultats table").first.locator("tbody tr")
    out = []
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        out.append((cells.nth(0).inner_text().strip(), cells.nth(cells.count() - 1).inner_text().strip()))
    return out


def _open(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    return page, errors


def test_from_home_page_poles_near_a_postcode_in_two_steps(browser, server, built):
    page, errors = _open(browser, server + "/")
    page.fill("#accueil-lieu", "44200")  # 1: type the postal code
    page.press("#accueil-lieu", "Enter")  # 2: submit
    page.wait_for_selector("#annuaire-resultats table")
    assert "/poles/?lieu=44200" in page.url
    count = page.inner_text("#annuaire-compte")
    assert "classés par distance à 44200 (Nantes)" in count
    shown = _results(page)
    # Independent check: the order and the kilometres from the published data and the committed geodata.
    data = json.loads((built / "poles/annuaire.json").read_text(encoding="utf-8"))
    fields = data["champs"]
    poles = [dict(zip(fields, row, strict=True)) for row in data["poles"]]
    nantes = [(float(r[3]), float(r[4])) for r in _rows("communes.tsv") if r[0] == "44109"][0]
    located = sorted((p for p in poles if p["point"]), key=lambda p: _km(nantes, p["point"]))
    assert [name for name, _ in shown] == [p["nom"] for p in located]
    assert shown[0][1] == f"{round(_km(nantes, located[0]['point']))}\u00a0km"
    # Fiches known only by their region: after the located ones, for the region of Nantes, saying why.
    tables = page.locator("#annuaire-resultats table")
    regional = [p["nom"] for p in poles if not p["point"] and p["region"] == "Pays de la Loire"]
    if regional:
        assert tables.count() == 2
        assert "Connus seulement par leur région : Pays de la Loire" in page.inner_text("#annuaire-resultats")
        assert sorted(tables.nth(1).locator("tbody tr td:first-child").all_inner_texts()) == sorted(regional)
    assert errors == []


def test_two_filters_combined_and_the_address_gives_the_same_result_elsewhere(browser, server, built):
    page, errors = _open(browser, server + "/poles/")
    page.wait_for_selector("#annuaire:not([hidden])")
    assert page.is_hidden("#annuaire-az")
    page.select_option("#filtre-region", "Bretagne")
    page.select_option("#filtre-statut", "pole-temoin")
    names = [n for n, _ in _results(page)]
    # Counted independently from the published data.
    data = json.loads((built / "poles/annuaire.json").read_text(encoding="utf-8"))
    poles = [dict(zip(data["champs"], row, strict=True)) for row in data["poles"]]
    expected = [p["nom"] for p in poles if p["region"] == "Bretagne" and p["statut"] == "pole-temoin"]
    assert sorted(names) == sorted(expected) and expected
    assert page.inner_text("#annuaire-compte").startswith(f"{len(expected)}\u00a0pôle")
    # Counts beside each value follow the other filters: Bretagne's option counts the témoins there.
    assert page.inner_text('#filtre-region option[value="Bretagne"]').endswith(f"({len(expected)})")
    address = page.url
    assert "region=Bretagne" in address and "statut=pole-temoin" in address
    other, errors2 = _open(browser, address)
    other.wait_for_selector("#annuaire-resultats table")
    assert [n for n, _ in _results(other)] == names
    assert other.input_value("#filtre-region") == "Bretagne"
    # Back returns to the previous selection.
    page.select_option("#filtre-region", "Normandie")
    page.go_back()
    page.wait_for_function("document.querySelector('#filtre-region').value === 'Bretagne'")
    assert [n for n, _ in _results(page)] == names
    assert errors == [] and errors2 == []


def test_bad_input_gets_a_french_message_never_a_blank_page(browser, server):
    page, errors = _open(browser, server + "/poles/?region=Atlantide&statut=%3Cscript%3E&tri=zz&lieu=00000")
    page.wait_for_selector("#annuaire:not([hidden])")
    page.wait_for_function("document.querySelector('#lieu-message').textContent !== ''")
    message = page.inner_text("#annuaire-message")
    assert "« Atlantide » n'est pas une valeur connue du filtre région" in message
    assert "<script>" not in page.inner_html("#annuaire-message")  # shown as text, not markup
    assert "Code postal 00000 inconnu" in page.inner_text("#lieu-message")
    assert re.match(
        r"\d+\u00a0pôles correspondent", page.inner_text("#annuaire-compte")
    )  # the list is still there
    page.fill("#filtre-lieu", "Zzzyx")
    page.press("#filtre-lieu", "Enter")
    page.wait_for_function("document.querySelector('#lieu-message').textContent.includes('Zzzyx')")
    assert "Aucune commune ne s'appelle « Zzzyx »" in page.inner_text("#lieu-message")
    page.fill("#filtre-lieu", "Saint-Denis")
    page.press("#filtre-lieu", "Enter")
    page.wait_for_function("document.querySelector('#lieu-message').textContent.includes('Plusieurs')")
    page.fill("#filtre-lieu", "Saint-Denis (93)")
    page.press("#filtre-lieu", "Enter")
    page.wait_for_function(
        "document.querySelector('#annuaire-compte').textContent.includes('Saint-Denis (93)')"
    )
    assert errors == []


def test_refused_geolocation_is_explained(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})  # no permission granted
    page = context.new_page()
    page.goto(server + "/poles/")
    page.wait_for_selector("#annuaire:not([hidden])")
    page.click("#lieu-position")
    page.wait_for_function("document.querySelector('#lieu-message').textContent.includes('refusée')")
    context.close()


def test_granted_geolocation_sorts_by_distance(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        geolocation={"latitude": 49.18, "longitude": -0.37},  # Caen
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(server + "/poles/")
    page.wait_for_selector("#annuaire:not([hidden])")
    page.click("#lieu-position")
    page.wait_for_selector("#annuaire-resultats table")
    assert "classés par distance à votre position" in page.inner_text("#annuaire-compte")
    assert "lieu=" not in page.url and "49.18" not in page.url  # the position never goes into the address
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "annuaire-position-390.png"), full_page=True)
    context.close()


def test_without_javascript_every_fiche_is_listed_with_the_facet_pages(browser, server, built):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/poles/")
    assert page.is_hidden("#annuaire")
    links = page.locator("#annuaire-az a[href*='/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    fiches = {h for h in links if re.fullmatch(r"[a-z0-9-]+/", h)}
    assert len(fiches) == len(list((ROOT / "data" / "poles").glob("*.md")))
    for facet in ("../regions/", "../statuts/", "../thematiques/"):
        assert page.locator(f"a[href='{facet}']").count() >= 1
    context.close()
