"""The maps as a reader uses them: headless Debian Chromium, nothing outside localhost but blocked tiles.

Journeys of issue 17: switch the region layers then open each pole's popup (markers stay above the
regions); an embedded map with parameters shows only its region's poles and links back to the fiches;
a bad parameter gets a French message; on a phone the controls, the legend, the scale and the
attribution never overlap; the controls speak French and kilometres; a link skips the map; axe-core
finds nothing serious on /carte/, /carte/integrer/ and the map documents, at both widths.
(Moved here with the map journeys of tests/test_browser.py: same assertions, on the new markers.)
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, OUTPUT, ROOT
from playwright.sync_api import Error as PlaywrightError

NO_CHROMIUM = (
    "Chromium absent : installez le paquet Debian « chromium » (make test le fait quand il est root)"
)
pytestmark = [pytest.mark.build, pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=NO_CHROMIUM)]

TILES = "tile.openstreetmap.org"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
READY = "html.carte-prete"


def open_page(browser, url: str, viewport: dict = DESKTOP):
    """A page whose requests outside localhost are blocked and recorded, with its script errors."""
    page = browser.new_page(viewport=viewport)
    outside, errors = [], []

    def route(r):
        host = urlsplit(r.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(host)
            r.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and TILES not in m.text and "ERR_FAILED" not in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url)
    return page, outside, errors


def map_frame(page, tap: bool = False):
    """The map of the page, once drawn (on a phone it waits: scroll to it, or tap its button)."""
    element = page.wait_for_selector("iframe.ptce-carte")
    frame = element.content_frame()
    frame.wait_for_selector(".folium-map")
    if tap and frame.locator(".attente button").count():
        element.scroll_into_view_if_needed()  # may be enough: the map loads when scrolled into view
        try:
            frame.locator(".attente button").click(timeout=2000)
        except PlaywrightError:
            pass  # it had loaded already
    frame.wait_for_selector(READY, state="attached", timeout=15000)
    return element, frame


def located(real_corpus, region: str | None = None) -> dict[str, str]:
    """slug -> name of the located poles (of one region), read from the fiches."""
    return {
        e.slug: e.fiche.nom
        for e in real_corpus.poles
        if e.place.has_point and (region is None or e.place.region == region)
    }


def on_map(frame) -> int:
    """Poles shown: single markers plus the counts written on the clusters."""
    singles = frame.locator(".leaflet-marker-icon.point").count()
    clusters = sum(
        int(t) for t in frame.locator(".leaflet-marker-icon.grappe > span:first-child").all_inner_texts()
    )
    return singles + clusters


def topmost_is_marker(frame) -> list[str]:
    """Markers and clusters that a shape covers at their centre (a region, an outline)."""
    return frame.evaluate(
        """() => [...document.querySelectorAll('.leaflet-marker-icon')].filter(icon => {
            const r = icon.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
            const hit = document.elementFromPoint(x, y);
            return !!(hit && hit.closest('svg, .leaflet-overlay-pane, .leaflet-ptceRegions-pane'));
        }).map(icon => icon.textContent.trim())"""
    )


def test_markers_stay_above_the_regions_after_switching_layers(browser, server, real_corpus):
    page, outside, errors = open_page(browser, f"{server}/carte/")
    _, frame = map_frame(page)
    names = located(real_corpus)
    assert frame.locator(".leaflet-marker-icon").count() > 3
    frame.get_by_label("Régions d’avant 2016").check()
    frame.wait_for_function("document.querySelectorAll('.leaflet-ptceRegions-pane path').length > 20")
    frame.get_by_label("Régions (depuis 2016)").check()
    frame.wait_for_function("document.querySelectorAll('.leaflet-ptceRegions-pane path').length < 25")
    assert topmost_is_marker(frame) == []
    singles = frame.locator(".leaflet-marker-icon.point")
    assert singles.count() >= 3
    view = frame.evaluate("[ptceCarte.map.getCenter(), ptceCarte.map.getZoom()]")
    for i in range(singles.count()):
        # back to the first view: opening a popup pans the map, which may hide the next marker
        frame.evaluate("v => ptceCarte.map.setView(v[0], v[1], {animate: false})", view)
        marker = singles.nth(i)
        name = marker.inner_text().strip()
        marker.click()  # a real click: Playwright refuses if another element would receive it
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for()
        assert name in names.values() and name in popup.inner_text(), (name, popup.inner_text())
        assert popup.locator("a").get_attribute("href").rstrip("/").rsplit("/", 1)[1] in names
        assert frame.locator(".leaflet-popup").count() == 1  # the pole's popup, not a region's
        frame.locator(".leaflet-popup-close-button").click()
        popup.wait_for(state="detached")
        frame.wait_for_timeout(400)  # the map may still be panning back from the popup
    # a cluster opens into its poles
    frame.locator(".leaflet-marker-icon.grappe").first.click()
    frame.wait_for_timeout(800)
    assert topmost_is_marker(frame) == []
    page.screenshot(path=str(OUTPUT / "carte-bascule-1280.png"))
    assert errors == [] and set(outside) <= {TILES}, (errors, outside)
    page.close()


def test_france_map_shows_clusters_markers_legend_and_the_poles_it_cannot_place(browser, server, real_corpus):
    OUTPUT.mkdir(exist_ok=True)
    page, outside, errors = open_page(browser, f"{server}/carte/")
    element, frame = map_frame(page)
    assert element.get_attribute("title")
    assert on_map(frame) == len(located(real_corpus))
    legend = frame.locator(".legende")
    assert legend.is_visible() and "Pôle témoin" in legend.inner_text()
    assert frame.locator(".leaflet-control-layers").is_visible()
    # the fiches without a commune, counted per region beside the map, with links to the region pages
    only_region: dict[str, int] = {}
    for e in real_corpus.poles:
        if not e.place.has_point and e.place.region:
            only_region[e.place.region] = only_region.get(e.place.region, 0) + 1
    counts = frame.locator("#ptce-comptes")
    summary = counts.locator("summary").inner_text()
    assert summary == f"{sum(only_region.values())}\u00a0pôles connus seulement par leur région", summary
    counts.locator("summary").click()
    for name, n in only_region.items():
        item = counts.locator("li", has_text=name).first
        assert item.inner_text().endswith(f": {n}"), item.inner_text()
        href = item.locator("a").get_attribute("href")
        assert href.endswith("/regions/" + re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower()).strip("-") + "/")
        assert item.locator("a").get_attribute("target") == "_top"
    page.screenshot(path=str(OUTPUT / "carte-1280.png"), full_page=False)
    assert set(outside) <= {TILES}, outside
    assert errors == [], errors
    assert page.locator("table a[href*='poles/']").count() >= 20  # the same information without the map
    page.close()


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@pytest.fixture(scope="module")
def host(server):
    """A page of another site (another origin) that embeds the map with parameters."""
    folder = OUTPUT / "hote-carte"
    folder.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"

    def page_for(query: str) -> str:
        name = re.sub(r"\W+", "-", query) + ".html"
        (folder / name).write_text(
            '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Partenaire</title></head>'
            f'<body><h1>Nos pôles</h1><iframe class="ptce-carte" title="Carte" width="100%" height="500" '
            f'src="{server}/cartes/france.html?{query}"></iframe></body></html>',
            encoding="utf-8",
        )
        return f"{base}/{name}"

    yield page_for
    httpd.shutdown()


def test_embedded_map_with_a_region_shows_only_its_poles_and_links_back(browser, host, server, real_corpus):
    page, outside, errors = open_page(browser, host("region=bretagne"))
    _, frame = map_frame(page)
    bretagne = located(real_corpus, "Bretagne")
    assert bretagne and on_map(frame) == len(bretagne)
    frame.locator(".leaflet-marker-icon.grappe, .leaflet-marker-icon.point").first.click()
    frame.wait_for_timeout(600)
    marker = frame.locator(".leaflet-marker-icon.point").first
    marker.click()
    link = frame.locator(".leaflet-popup-content a")
    href = link.get_attribute("href")
    slug = href.rstrip("/").rsplit("/", 1)[1]
    assert slug in bretagne and href == f"{server}/poles/{slug}/"
    assert link.get_attribute("target") == "_blank" and link.get_attribute("rel") == "noopener"
    only = sum(1 for e in real_corpus.poles if e.place.region == "Bretagne" and not e.place.has_point)
    assert (
        f"{only}\u00a0pôles connus seulement par leur région" in frame.locator("#ptce-comptes").inner_text()
    )
    assert frame.locator("#ptce-message").inner_text() == ""
    page.screenshot(path=str(OUTPUT / "carte-integree-bretagne.png"))
    assert errors == [] and set(outside) <= {TILES}, (errors, outside)
    page.close()


def test_embedded_map_filters_by_status_and_theme(browser, host, real_corpus):
    theme = "arts-culture"
    page, _, errors = open_page(browser, host(f"statut=pole-temoin&thematique={theme}"))
    _, frame = map_frame(page)
    expected = [
        e
        for e in real_corpus.poles
        if e.place.has_point and e.statut == "pole-temoin" and theme in e.fiche.thematiques
    ]
    assert expected and on_map(frame) == len(expected)
    assert errors == []
    page.close()


def test_an_absurd_parameter_gets_a_french_message_never_a_blank_map(browser, server, real_corpus):
    page, _, errors = open_page(browser, f"{server}/cartes/france.html?region=atlantide&zoom=99&couleur=bleu")
    page.wait_for_selector(READY, state="attached", timeout=15000)
    message = page.locator("#ptce-message")
    assert message.is_visible()
    text = message.inner_text()
    assert "Région inconnue\u202f: «\u00a0atlantide\u00a0»" in text, text
    assert "Zoom impossible" in text and "Paramètre inconnu «\u00a0couleur\u00a0»" in text, text
    assert on_map(page) == len(located(real_corpus))  # the rest of the map still works
    assert errors == []
    page.close()


def boxes(frame, selectors: dict[str, str]) -> dict[str, dict]:
    """Where each element is drawn, in the map document's own coordinates."""
    out = {}
    for name, selector in selectors.items():
        assert frame.locator(selector).count() == 1, (name, frame.locator(selector).count())
        out[name] = frame.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return {x: r.left, y: r.top, width: r.width, height: r.height}; }",
            selector,
        )
    return out


def overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


CONTROLS = {
    "zoom": ".leaflet-control-zoom",
    "couches": ".leaflet-control-layers",
    "échelle": ".leaflet-control-scale",
    "territoire": ".territoires",
    "légende": ".legende",
    "attribution": ".attribution",
}


@pytest.mark.parametrize("path", ["carte/", "regions/normandie/"])
def test_on_a_phone_nothing_overlaps_and_the_map_waits_for_the_reader(browser, server, path):
    page, outside, errors = open_page(browser, f"{server}/{path}", PHONE)
    element = page.wait_for_selector("iframe.ptce-carte")
    frame = element.content_frame()
    frame.wait_for_selector(".folium-map")
    page.wait_for_load_state("networkidle")
    # nothing heavy before the reader wants the map: no Leaflet, no data
    assert frame.locator(READY).count() == 0
    loaded = frame.evaluate("performance.getEntries().map(e => e.name)")
    assert not [u for u in loaded if "leaflet" in u or "geojson" in u], loaded
    element, frame = map_frame(page, tap=True)
    element.scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(OUTPUT / f"{name}-telephone-390.png"))
    required = {"zoom", "échelle", "légende", "attribution"} | (
        {"couches", "territoire"} if path == "carte/" else set()
    )
    present = {k: v for k, v in CONTROLS.items() if k in required or frame.locator(v).count()}
    found = boxes(frame, present)
    names = list(found)
    clashes = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if overlap(found[a], found[b])]
    assert clashes == [], (clashes, found)
    width, height = frame.evaluate("[innerWidth, innerHeight]")
    for key, box in found.items():
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= width + 1, (key, box)
        assert box["y"] + box["height"] <= height + 1, (key, box)
    # the legend, unfolded, still covers no marker: it lives under the map
    frame.locator(".legende summary").click()
    legend = boxes(frame, {"légende": ".legende"})["légende"]
    markers = frame.evaluate(
        "() => [...document.querySelectorAll('.leaflet-marker-icon')].map(m => {"
        " const r = m.getBoundingClientRect();"
        " return {x: r.left, y: r.top, width: r.width, height: r.height}; })"
    )
    assert markers and not [m for m in markers if overlap(legend, m)]
    assert errors == [] and set(outside) <= {TILES}, (errors, outside)
    page.close()


def test_the_whole_of_france_is_in_view_on_a_phone_and_overseas_a_choice_away(browser, server, real_corpus):
    page, _, errors = open_page(browser, f"{server}/cartes/france.html", {"width": 358, "height": 600})
    page.wait_for_selector(READY, state="attached", timeout=15000)
    markers = page.locator(".leaflet-marker-icon").all()
    width, height = page.evaluate("[innerWidth, document.querySelector('.folium-map').clientHeight]")
    for marker in markers:
        box = marker.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width and 0 <= box["y"] <= height, box
    assert on_map(page) == len(located(real_corpus))
    # Brittany, Corsica and the south in view: the metropolitan regions' shapes fit the map
    inside = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-ptceRegions-pane path')].map(p => {
            const r = p.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""
    )
    fit = [r for r in inside if r[0] >= -1 and r[1] >= -1 and r[2] <= width + 1 and r[3] <= height + 1]
    assert len(fit) >= 13, inside  # the 13 metropolitan regions
    page.get_by_label("Territoire").select_option(label="La Réunion")
    page.wait_for_timeout(600)
    lat, lon = page.evaluate("[ptceCarte.map.getCenter().lat, ptceCarte.map.getCenter().lng]")
    assert -22 < lat < -20 and 55 < lon < 56, (lat, lon)
    assert errors == []
    page.close()


ENGLISH = r"/\b(Zoom in|Zoom out|Layers|Close popup|mi|ft|A JavaScript library)\b/"


def test_controls_speak_french_and_kilometres(browser, server):
    page, _, errors = open_page(browser, f"{server}/carte/")
    _, frame = map_frame(page)
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoom avant"
    assert frame.locator(".leaflet-control-zoom-out").get_attribute("title") == "Zoom arrière"
    scale = frame.locator(".leaflet-control-scale-line")
    assert scale.count() == 1 and re.fullmatch(r"\d+ (km|m)", scale.inner_text()), scale.all_inner_texts()
    frame.locator(".leaflet-marker-icon.point").first.click()
    assert frame.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"
    english = frame.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(el => [el.getAttribute('title'),
            el.getAttribute('aria-label'), el.children.length ? null : el.textContent])
            .filter(t => t && ENGLISH.test(t))""".replace("ENGLISH", ENGLISH)
    )
    assert english == [], english
    page.close()
    phone, _, _ = open_page(browser, f"{server}/cartes/france.html", {"width": 360, "height": 640})
    phone.wait_for_selector(READY, state="attached", timeout=15000)
    toggle = phone.locator(".leaflet-control-layers-toggle")
    assert toggle.is_visible() and toggle.get_attribute("title") == "Fonds et statuts affichés"
    assert errors == []
    phone.close()


def test_the_skip_link_moves_focus_past_the_map_to_the_table(browser, server):
    page, _, errors = open_page(browser, f"{server}/carte/")
    map_frame(page)
    for _ in range(60):  # keyboard only: the skip link comes right before the map
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Passer la carte":
            break
    else:
        pytest.fail("pas de lien « Passer la carte » au clavier")
    assert page.locator("a.ptce-passer-carte").is_visible()  # visible once focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "apres-la-carte"
    # the next stop is the table (at most the permalink of its heading on the way)
    page.keyboard.press("Tab")
    if not page.evaluate("!!document.activeElement.closest('table')"):
        assert page.evaluate("document.activeElement.classList.contains('headerlink')")
        page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('table')"), page.evaluate(
        "document.activeElement.outerHTML"
    )
    assert errors == []
    page.close()


def test_the_keyboard_reaches_every_pole_and_no_region_shape(browser, server, real_corpus):
    """Tab goes through the markers, the controls and the bar, never through the 18 unnamed shapes."""
    page, _, errors = open_page(browser, f"{server}/cartes/france.html")
    page.wait_for_selector(READY, state="attached", timeout=15000)
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName.toLowerCase(),"
            " e.classList.contains('leaflet-container') ? '(carte)' :"
            " e.getAttribute('aria-label') || e.textContent.trim()]; }"
        )
        if stop[0] == "body":  # past the last stop
            break
        stops.append(stop)
    assert not [s for s in stops if s[0] in ("path", "svg", "g")], stops
    names = {name for tag, name in stops if tag == "div"}
    markers = page.locator(".leaflet-marker-icon.point").all_inner_texts()
    assert markers and set(markers) <= names, (markers, names)
    assert ["summary", "Légende"] in stops
    assert len(stops) < 40, stops
    assert errors == []
    page.close()


def axe_serious(target, axe) -> list:
    """axe-core's serious and critical violations in a page or a frame."""
    target.evaluate(axe.axe_script)
    result = target.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
@pytest.mark.parametrize("path", ["carte/", "carte/integrer/"])
def test_axe_finds_nothing_serious(browser, server, axe, path, viewport):
    page, outside, errors = open_page(browser, f"{server}/{path}", viewport)
    element, frame = map_frame(page, tap=viewport is PHONE)
    found = {"page": axe_serious(page, axe), "carte": axe_serious(frame, axe)}
    # the legend and the counts unfolded, and a popup open, are read too
    frame.evaluate("document.querySelectorAll('.barre details').forEach(d => d.open = true)")
    if frame.locator(".leaflet-marker-icon.point").count():
        frame.locator(".leaflet-marker-icon.point").first.click()
        frame.locator(".leaflet-popup-content").wait_for()
        frame.wait_for_timeout(400)  # the popup fades in: read it once opaque
    found["carte ouverte"] = axe_serious(frame, axe)
    name = path.strip("/").replace("/", "-")
    page.screenshot(path=str(OUTPUT / f"{name}-{viewport['width']}.png"))
    (OUTPUT / f"axe-{name}-{viewport['width']}.json").write_text(
        json.dumps(found, ensure_ascii=False, indent=1)
    )
    assert found == {"page": [], "carte": [], "carte ouverte": []}, found
    assert errors == [] and set(outside) <= {TILES}, (errors, outside)
    page.close()


def test_the_embed_page_builds_the_code_and_previews_it(browser, server):
    page, _, errors = open_page(browser, f"{server}/carte/integrer/")
    page.wait_for_selector("#ptce-integrer:not([hidden])")
    page.get_by_label("Région").select_option(label="Bretagne")
    page.get_by_label("Statut").select_option(value="pole-temoin")
    code = page.locator("#ptce-i-code").inner_text()
    assert code.startswith(
        '<iframe src="https://ptce.fr/cartes/france.html?region=bretagne&amp;statut=pole-temoin"'
    )
    assert 'title="Carte des pôles territoriaux de coopération économique en Bretagne"' in code
    page.wait_for_function("document.getElementById('ptce-i-apercu').src.includes('region=bretagne')")
    page.get_by_label("Zoom (2 à 18)").fill("40")
    assert "Zoom impossible" in page.locator("#ptce-i-erreur").inner_text()
    assert "zoom=" not in page.locator("#ptce-i-code").inner_text()
    page.get_by_label("Zoom (2 à 18)").fill("8")
    page.get_by_label("Centre (latitude, longitude)").fill("48.11, -1.68")
    assert page.locator("#ptce-i-erreur").inner_text() == ""
    assert "centre=48.11%2C-1.68&amp;zoom=8" in page.locator("#ptce-i-code").inner_text()
    page.screenshot(path=str(OUTPUT / "carte-integrer-1280.png"), full_page=True)
    assert errors == []
    page.close()


def test_popup_links_to_the_fiche(browser, server):
    page, outside, errors = open_page(browser, f"{server}/cartes/poles/smac-07.html")
    page.wait_for_selector(READY, state="attached", timeout=15000)
    page.locator(".leaflet-marker-icon.point").click()
    link = page.wait_for_selector(".leaflet-popup-content a")
    assert link.get_attribute("href") == "../../poles/smac-07/"
    assert "Annonay" in page.locator(".leaflet-popup-content").inner_text()
    assert errors == [] and set(outside) <= {TILES}


def test_region_page_map_on_a_phone(browser, server):
    OUTPUT.mkdir(exist_ok=True)
    page, outside, errors = open_page(browser, f"{server}/regions/bretagne/", {"width": 360, "height": 900})
    element = page.wait_for_selector("iframe.ptce-carte")
    element.scroll_into_view_if_needed()
    page.mouse.wheel(0, 300)  # the reader scrolls to the map: it loads
    frame = element.content_frame()
    frame.wait_for_selector(READY, state="attached", timeout=15000)
    frame.wait_for_selector(".leaflet-ptceRegions-pane path", timeout=15000)
    page.screenshot(path=str(OUTPUT / "region-360.png"), full_page=True)
    assert errors == [] and set(outside) <= {TILES}


def test_no_map_data_is_inlined_and_the_page_stays_light(built):
    """The France map document is a few kilobytes; the data comes from files fetched beside it."""
    france = (built / "cartes/france.html").read_bytes()
    assert len(france) < 12_000, len(france)
    assert b'"Feature"' not in france
    sizes = {p.name: p.stat().st_size for p in (built / "cartes").glob("*.geojson")}
    assert set(sizes) == {"poles.geojson", "regions.geojson", "anciennes-regions.geojson"}, sizes
    assert sizes["regions.geojson"] < 60_000 and sizes["anciennes-regions.geojson"] < 80_000, sizes
    assert not (built / "assets/vendor/jquery").exists()
    for js in (built / "assets/vendor").rglob("*.js"):
        assert b"sourceMappingURL" not in js.read_bytes(), js
    assert (ROOT / "docs/assets/carte-ptce.js").is_file()
