"""Where am I? Breadcrumbs on the pages written from data/, the menu entry of their section highlighted,
and a link preview (Open Graph, Twitter card) on every page (issue 17)."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from conftest import CHROMIUM
from selectolax.lexbor import LexborHTMLParser


def _html(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page / "index.html").read_text(encoding="utf-8"))


def _trail(site: Path, page: str) -> list[tuple[str, str]]:
    """(label, target page folder) of each crumb, targets resolved against the page's address."""
    out = []
    for a in _html(site, page).css("nav.md-path a"):
        href = a.attributes["href"] or ""
        target = posixpath.normpath(posixpath.join(page, href.split("#")[0])).strip("./")
        out.append((a.text(strip=True), target + ("#" + href.split("#")[1] if "#" in href else "")))
    return out


def test_every_pole_page_says_annuaire_then_its_region(built, real_corpus):
    for e in real_corpus.poles:
        trail = _trail(built, f"poles/{e.slug}")
        region = e.place.region
        expected = [("Accueil", ""), ("Annuaire", "poles")]
        if region:
            expected.append((region, f"regions/{_folder_of_region(built, region)}"))
        assert [(label.replace("\u2019", "'"), target) for label, target in trail] == expected, e.slug
        for _, target in trail:
            assert (built / target.split("#")[0] / "index.html").is_file()


def _folder_of_region(site: Path, region: str) -> str:
    for page in (site / "regions").glob("*/index.html"):
        h1 = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("h1").text(strip=True)
        if h1.replace("\u2019", "'").endswith(region):
            return page.parent.name
    raise AssertionError(region)


def test_event_chapter_and_resource_pages_lead_back_to_their_section(built, real_corpus):
    event = next(e for e in real_corpus.events if e.slug == "2012-12-06-rencontre-regionale-ptce-caen")
    assert _trail(built, f"agenda/{event.slug}") == [
        ("Accueil", ""),
        ("Agenda", "agenda"),
        ("2012", "agenda#2012"),
    ]
    assert 'id="2012"' in (built / "agenda/index.html").read_text(encoding="utf-8")
    chapter = real_corpus.chapters[0].fiche.id
    assert _trail(built, f"boite-a-outils/{chapter}") == [
        ("Accueil", ""),
        ("Boîte à outils", "boite-a-outils"),
    ]
    resource = real_corpus.resources[0].slug
    assert _trail(built, f"ressources/{resource}") == [("Accueil", ""), ("Bibliothèque", "ressources")]
    assert _trail(built, "regions/bretagne")[1:] == [("Annuaire", "poles"), ("Par région", "regions")]


def test_every_page_has_a_link_preview(built):
    image = built / "assets" / "partage.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pages = sorted(built.rglob("index.html"))
    assert len(pages) > 200
    for page in pages:
        tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
        if tree.css_first('meta[http-equiv="refresh"]') or page.parent.name == "admin":
            continue  # a redirect left for an old address; the web editor's application
        meta = {
            (m.attributes.get("property") or m.attributes.get("name")): m.attributes.get("content")
            for m in tree.css("meta[property], meta[name]")
        }
        where = page.relative_to(built).as_posix()
        assert meta.get("og:title") and meta.get("og:description"), where
        assert meta["og:image"] == "https://ptce.fr/assets/partage.png", where
        assert meta.get("twitter:card") == "summary_large_image", where
        title = tree.css_first("title").text()
        assert meta["og:title"] in title, where  # the page's own title, not the site's


@pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium absent : installez le paquet Debian « chromium »"
)
def test_the_menu_entry_of_a_fiche_section_is_highlighted(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/poles/pole-sud-archer/")
    active = page.locator(".md-nav--primary .md-nav__link--active")
    assert active.count() == 1
    assert active.first.get_attribute("href").rstrip("/").endswith("..")  # the directory: /poles/
    page.goto(server + "/boite-a-outils/accompagner/")
    assert "Boîte à outils" in page.locator(".md-nav--primary .md-nav__link--active").first.inner_text()
