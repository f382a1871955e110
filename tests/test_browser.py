"""The map as a person sees it: headless Debian Chromium, no network but localhost."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, OUTPUT

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium absent : installez le paquet Debian « chromium » (make test le fait quand il est root)",
)


def open_page(browser, url: str, width: int = 1280):
    """A page whose requests outside localhost are blocked and recorded."""
    page = browser.new_page(viewport={"width": width, "height": 900})
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
            if m.type == "error" and "tile.openstreetmap.org" not in m.text and "ERR_FAILED" not in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    return page, outside, errors


def test_france_map_shows_clusters_markers_and_legend(browser, server):
    OUTPUT.mkdir(exist_ok=True)
    page, outside, errors = open_page(browser, f"{server}/carte/")
    frame_el = page.wait_for_selector("iframe.ptce-carte")
    assert frame_el.get_attribute("title")
    frame = frame_el.content_frame()
    frame.wait_for_selector(
        ".leaflet-marker-pane .marker-cluster, .leaflet-overlay-pane path.leaflet-interactive", timeout=15000
    )
    markers = frame.locator(".marker-cluster").count() + frame.locator(".leaflet-overlay-pane path").count()
    assert markers > 10
    assert frame.locator(".legende").is_visible()
    assert "Pôle témoin" in frame.locator(".legende").inner_text()
    assert frame.locator(".leaflet-control-layers").is_visible()
    page.screenshot(path=str(OUTPUT / "carte-1280.png"), full_page=False)
    assert set(outside) <= {"tile.openstreetmap.org"}, outside
    assert errors == [], errors
    # the same information without the map
    assert page.locator("table a[href*='poles/']").count() >= 20


def test_popup_links_to_the_fiche(browser, server):
    page, outside, errors = open_page(browser, f"{server}/cartes/poles/smac-07.html")
    page.wait_for_selector(".leaflet-overlay-pane path.leaflet-interactive", timeout=15000)
    page.locator(".leaflet-overlay-pane path.leaflet-interactive").first.dispatch_event("click")
    link = page.wait_for_selector(".leaflet-popup-content a")
    assert link.get_attribute("href") == "../../poles/smac-07/"
    assert "Annonay" in page.locator(".leaflet-popup-content").inner_text()
    assert errors == [] and set(outside) <= {"tile.openstreetmap.org"}


def test_region_page_map_on_a_phone(browser, server):
    OUTPUT.mkdir(exist_ok=True)
    page, outside, errors = open_page(browser, f"{server}/regions/bretagne/", width=360)
    frame = page.wait_for_selector("iframe.ptce-carte").content_frame()
    frame.wait_for_selector(".leaflet-overlay-pane path", timeout=15000)
    page.screenshot(path=str(OUTPUT / "region-360.png"), full_page=True)
    assert errors == [] and set(outside) <= {"tile.openstreetmap.org"}
