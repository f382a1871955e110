"""« Proposer une correction » on every fiche page of the built site: the correction form, prefilled with
the page's address, which the form bot reads back to the fiche's file."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from ptce.authoring import drafting, forms
from ptce.text import urls

pytestmark = pytest.mark.build

LINK = re.compile(r'<a href="([^"]+)" class="md-content__button ptce-modifier ptce-corriger"')


def correction_links(page) -> list[str]:
    return [html.unescape(href) for href in LINK.findall(page.read_text(encoding="utf-8"))]


def test_every_fiche_page_links_to_its_correction_form(built):
    project = built.parent
    repo = drafting.load_repository(project)
    fiches = sorted(built.glob("poles/*/index.html")) + [
        p for p in sorted(built.glob("agenda/*/index.html")) if p.parent.name not in ("regions", "types")
    ]
    assert len(fiches) == len(repo.texts)  # one page per fiche of data/poles and data/events
    for page in fiches:
        address = "https://ptce.fr/" + page.parent.relative_to(built).as_posix() + "/"
        [link] = correction_links(page)
        query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
        assert link.startswith(urls.REPOSITORY + "/issues/new?")
        expected = {k: v[0] for k, v in parse_qs(urlsplit(urls.correction_form(address)).query).items()}
        assert query == expected  # the template and the Python builder agree
        assert query["template"] == "corriger-une-fiche.yml" and query[urls.CORRECTION_FIELD] == address
        assert query["title"] == "Correction : " + page.parent.relative_to(built).as_posix()
        folder = "poles" if address.startswith("https://ptce.fr/poles/") else "events"
        assert forms.fiche_path(query[urls.CORRECTION_FIELD], repo) == f"data/{folder}/{page.parent.name}.md"


@pytest.mark.parametrize(
    "page", ["index.html", "poles/index.html", "agenda/index.html", "boite-a-outils/index.html"]
)
def test_pages_that_are_not_a_fiche_have_no_correction_link(built, page):
    assert correction_links(built / page) == []


def test_no_correction_link_on_facet_pages(built):
    facets = list(built.glob("agenda/regions/*/index.html")) + list(built.glob("regions/*/index.html"))
    assert facets and all(correction_links(p) == [] for p in facets)
