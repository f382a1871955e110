"""Every page template as a reader gets it: real Chromium, axe-core, phone and desktop widths, search."""

from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest
from conftest import CHROMIUM, OUTPUT

pytestmark = pytest.mark.skipif(
    not __import__("pathlib").Path(CHROMIUM).exists(),
    reason="Chromium absent : installez le paquet Debian « chromium » (make test le fait quand il est root)",
)

TILES = "tile.openstreetmap.org"
# One page per template: (name, path, is a map page)
TEMPLATES = [
    ("accueil", "", False),
    ("index-poles", "poles/", False),
    ("annuaire-filtre", "poles/?lieu=44200&statut=pole-temoin&region=Bretagne", False),
    ("region", "regions/auvergne-rhone-alpes/", True),
    ("fiche", "poles/pole-sud-archer/", True),
    ("carte", "carte/", True),
    ("agenda", "agenda/", False),
    ("evenement", "agenda/2012-12-06-rencontre-regionale-ptce-caen/", True),
    ("boite-a-outils", "boite-a-outils/", False),
    ("chapitre", "boite-a-outils/accompagner/", False),
    ("autopositionnement", "boite-a-outils/autopositionnement/", False),
    ("profils", "boite-a-outils/profils/", False),
    ("donnees", "donnees/", False),
    ("recherche", "recherche/?q=economie", False),
]


def visit(browser, url: str, width: int, allow_tiles: bool):
    """Open url; return the page and what went wrong: console errors, failed and outside requests."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = {"console": [], "failed": [], "outside": []}

    def route(r):
        host = urlsplit(r.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            return r.continue_()
        if not (allow_tiles and host == TILES):
            problems["outside"].append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.on(
        "console",
        lambda m: (
            problems["console"].append(m.text)
            if m.type == "error" and "net::ERR_FAILED" not in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    page.on(
        "requestfailed",
        lambda r: problems["failed"].append(r.url) if urlsplit(r.url).hostname == "127.0.0.1" else None,
    )
    page.on(
        "response", lambda r: problems["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, problems


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("name, path, is_map", TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_template_in_a_real_browser(browser, server, axe, name, path, is_map):  # noqa: F811
    OUTPUT.mkdir(exist_ok=True)
    report = {}
    for width in (1280, 360):
        page, problems = visit(browser, f"{server}/{path}", width, allow_tiles=is_map)
        assert problems == {"console": [], "failed": [], "outside": []}, (width, problems)
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert page.title()
        # Nothing wider than a phone: no sideways scrolling of the whole page.
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, width
        page.screenshot(path=str(OUTPUT / f"{name}-{width}.png"), full_page=False)
        results = axe.run(page).response["violations"]
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (width, serious)
        report[width] = sorted({(v["id"], v["impact"]) for v in results})
        page.close()
    (OUTPUT / f"axe-{name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def test_keyboard_user_can_skip_to_content_and_sees_focus(browser, server):  # noqa: F811
    page, _ = visit(browser, f"{server}/poles/pole-sud-archer/", 1280, allow_tiles=True)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]"
    )
    assert focused[1] == "#presentation" or focused[1].startswith("#"), (
        focused
    )  # Material's skip link comes first
    assert "contenu" in focused[0].lower()
    # The header search field is reachable and has a visible focus outline.
    page.focus("#ptce-q")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    assert page.locator("label[for='ptce-q']").count() == 1
    page.close()


QUERIES = {
    "economie": "économie",
    "cooperation": "coopération",
    "rhone": "Rhône",
    "ecopole": "Écopôle",
    "cooperatives": "coopérative",
}


def _search(page, query: str) -> list[dict]:
    return page.evaluate(
        """async (q) => {
        const pf = await import('/pagefind/pagefind.js');
        const s = await pf.search(q);
        return Promise.all(s.results.slice(0, 10).map(async r => {
            const d = await r.data(); return {url: d.url, type: d.meta.type, text: d.content};
        }));
    }""",
        query,
    )


def test_search_ignores_accents_and_finds_poles_by_commune_department_theme(browser, server):  # noqa: F811
    page, problems = visit(browser, f"{server}/recherche/", 1280, allow_tiles=False)
    for plain, accented in QUERIES.items():
        results = _search(page, plain)
        assert results, plain
        assert any(accented.lower() in r["text"].lower() for r in results), (
            plain,
            [r["url"] for r in results],
        )
    # A pole by its commune, its department and one of its themes.
    assert any(r["url"].endswith("/poles/pole-sud-archer/") for r in _search(page, "Romans-sur-Isere"))
    assert any(r["url"].startswith("/poles/") for r in _search(page, "Drome"))
    assert any(r["type"] == "Pôle" for r in _search(page, "insertion"))
    types = {r["type"] for q in ("Caen", "accompagnement", "rencontre") for r in _search(page, q)}
    assert {"Pôle", "Événement", "Chapitre"} <= types, types
    assert problems["outside"] == []
    page.close()


def test_search_page_shows_results_with_their_type(browser, server):  # noqa: F811
    page, problems = visit(browser, f"{server}/recherche/?q={quote('cooperatives')}", 360, allow_tiles=False)
    page.wait_for_selector(".pagefind-ui__result", timeout=10000)
    first = page.locator(".pagefind-ui__result-title").first.inner_text()
    assert " — " in first and first.split(" — ")[0] in {
        "Pôle",
        "Événement",
        "Chapitre",
        "Ressource",
        "Page",
        "Région",
        "Thématique",
        "Statut",
        "Les PTCE",
        "Actualité",
        "Fiche outil",
    }
    assert page.locator(".pagefind-ui__search-input").get_attribute("aria-label")
    assert problems == {"console": [], "failed": [], "outside": []}, problems
    page.close()


def test_first_query_downloads_little(browser, server, built):  # noqa: F811
    """The first query costs the visitor a few hundred kilobytes at most, not the site's whole text."""
    page = browser.new_page()
    sizes = []
    page.on(
        "requestfinished",
        lambda r: sizes.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None,
    )
    page.goto(f"{server}/recherche/?q=economie")
    page.wait_for_selector(".pagefind-ui__result", timeout=10000)
    page.wait_for_load_state("networkidle")
    assert 0 < sum(sizes) < 1_000_000, sum(sizes)
    assert not (built / "search" / "search_index.json").exists()  # Material's one-file index is gone
    page.close()


@pytest.mark.parametrize(
    "path",
    [
        "poles/pole-sud-archer/",
        "agenda/2012-12-06-rencontre-regionale-ptce-caen/",
        "boite-a-outils/accompagner/",
    ],
)
def test_print_shows_content_without_navigation_and_links_as_urls(browser, server, path):  # noqa: F811
    page, _ = visit(browser, f"{server}/{path}", 1280, allow_tiles=True)
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".ptce-modifier"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    shown = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
        .map(a => [a.href, getComputedStyle(a, '::after').content])""")
    assert shown, "the page has external links"
    for href, after in shown:
        assert href.rstrip("/") in after or href in after, (href, after)
    page.pdf(path=str(OUTPUT / f"impression-{path.strip('/').replace('/', '-')}.pdf"))
    page.close()


def test_footer_links_accessibility_and_privacy_pages(browser, server):  # noqa: F811
    page, _ = visit(browser, f"{server}/agenda/", 360, allow_tiles=False)
    footer = page.locator(".ptce-pied")
    assert "Accessibilité : non conforme" in footer.inner_text().replace("\xa0", " ")
    footer.get_by_text("Données personnelles").click()
    page.wait_for_load_state()
    assert page.url.endswith("/a-propos/donnees-personnelles/")
    assert "tile.openstreetmap.org" in page.locator("article").inner_text()
    page.close()


@pytest.fixture(scope="module")
def pages_server(built):
    """The site served as GitHub Pages serves it: any missing address gets 404.html, status 404."""
    import functools
    import http.server
    import threading

    not_found = (built / "404.html").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(not_found)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(not_found)

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(built))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


MISSING = "poles/un-pole-qui-n-existe-pas/ni/ici/"
WAYS_OUT = {
    "Annuaire des pôles": "/poles/",
    "Carte des pôles": "/carte/",
    "Boîte à outils": "/boite-a-outils/",
    "Page d’accueil": "/",
}


@pytest.mark.parametrize("width", [1280, 390])
def test_a_missing_address_gets_a_french_page_with_search_and_ways_out(browser, pages_server, axe, width):  # noqa: F811
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = {"console": [], "failed": [], "outside": []}

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            return r.continue_()
        problems["outside"].append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: problems["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems["console"].append(str(e)))
    page.on("requestfailed", lambda r: problems["failed"].append(r.url))
    page.on(
        "response",
        lambda r: (
            problems["failed"].append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith(MISSING)
            else None
        ),
    )
    response = page.goto(f"{pages_server}/{MISSING}", wait_until="networkidle")
    assert response.status == 404
    # The browser logs the 404 status of the page itself; nothing else may fail.
    problems["console"] = [m for m in problems["console"] if "404" not in m]
    assert problems == {"console": [], "failed": [], "outside": []}, problems
    # The news feed stays declared once the page has run its scripts (docs/assets/ptce.js), and
    # Material did not look for a sitemap next to it (no failed request above).
    feeds = page.evaluate("""[...document.querySelectorAll(
        'link[rel="alternate"][type="application/atom+xml"]')]
        .map(l => l.href)""")
    assert feeds == [f"{pages_server}/actualites/atom.xml"], feeds
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"404-{width}.png"), full_page=True)
    article = page.locator("article")
    assert article.locator("h1").inner_text() == "Page introuvable"
    assert "not found" not in article.inner_text().lower()
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    serious = [
        v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
    # Each way out leads to a real page from this depth.
    for name, path in WAYS_OUT.items():
        link = article.get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        href = link.evaluate("a => a.href")
        assert href == f"{pages_server}{path}", (name, href)
        assert page.request.get(href).status == 200, href
    # The search form searches the site.
    field = article.get_by_label("Mots à chercher (accents facultatifs)")
    field.fill("cooperatives")
    article.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(f"{pages_server}/recherche/?q=cooperatives")
    page.wait_for_selector(".pagefind-ui__result", timeout=10000)
    page.close()
