"""Bibliothèque and actualités: validated like fiches, linked both ways, published as a feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from exemples import VALID

from ptce.records.corpus import load
from ptce.render import library

RESOURCE = """---
titre: "Étude sur le rôle des collectivités"
type: etude
date: "2013"
auteurs: ["RTES"]
poles: [exemple]
sources: [programme-rtes-2013]
---

Résumé **court**.
"""
NEWS = """---
titre: "Un appel est lancé"
date: "2011-11"
ressources: [etude]
sources: [plan-action-2013]
---

Texte.
"""


def load_with(repo, resource=RESOURCE, news=NEWS):
    root = repo(poles={"exemple.md": VALID})
    (root / "data/ressources").mkdir()
    (root / "data/actualites").mkdir()
    (root / "data/ressources/etude.md").write_text(resource, encoding="utf-8")
    (root / "data/actualites/2011-11-appel.md").write_text(news, encoding="utf-8")
    return load(root)


def test_valid_resource_and_news(repo):
    corpus = load_with(repo)
    assert corpus.errors == []
    assert corpus.resources[0].fiche.date.precision == "annee"
    assert corpus.news[0].fiche.type == "actualite"


@pytest.mark.parametrize(
    "old, new, field, fragment",
    [
        (
            "type: etude",
            "type: etudes",
            "type",
            "n'est pas un type de document connu. Vouliez-vous dire « etude » ?",
        ),
        ('date: "2013"', 'date: "2013-13"', "date", "mois impossible"),
        ("poles: [exemple]", "poles: [exempel]", "poles.1", "aucune fiche data/poles/exempel.md"),
        (
            'auteurs: ["RTES"]',
            'auteurs: ["RTES"]\nurl: "javascript:alert(1)"',
            "url",
            "doit commencer par https://",
        ),
        (
            'auteurs: ["RTES"]',
            'auteurs: ["RTES"]\nchapitres: [inconnu]',
            "chapitres.1",
            "aucun chapitre d'identifiant « inconnu »",
        ),
    ],
)
def test_invalid_resources_are_reported(repo, old, new, field, fragment):
    corpus = load_with(repo, resource=RESOURCE.replace(old, new))
    errors = [e for e in corpus.errors if e.path == "data/ressources/etude.md" and e.field == field]
    assert errors and fragment in errors[0].message, [str(e) for e in corpus.errors]


def test_news_reference_to_unknown_resource(repo):
    corpus = load_with(repo, news=NEWS.replace("ressources: [etude]", "ressources: [etud]"))
    assert any(
        e.field == "ressources.1" and "Vouliez-vous dire « etude » ?" in e.message for e in corpus.errors
    )


def test_backlinks_both_ways(repo):
    corpus = load_with(repo)
    page = library.resource_page(corpus.resources[0], corpus)
    assert "(../poles/exemple.md)" in page
    back = library.backlinks(corpus, "poles", "exemple", "poles/exemple.md")
    assert "(../ressources/etude.md)" in back


def test_real_library_cross_links_resolve_both_ways(real_corpus, built):
    corpus = real_corpus
    assert corpus.errors == []
    assert len(corpus.resources) >= 10 and corpus.news
    for r in corpus.resources:
        html = (built / "ressources" / r.slug / "index.html").read_text(encoding="utf-8")
        assert r.fiche.titre.split()[0] in html
        for slug in r.fiche.poles:
            assert f"poles/{slug}/" in html
            assert f"ressources/{r.slug}/" in (built / "poles" / slug / "index.html").read_text(
                encoding="utf-8"
            )
        for slug in r.fiche.evenements:
            assert f"ressources/{r.slug}/" in (built / "agenda" / slug / "index.html").read_text(
                encoding="utf-8"
            )
        for cid in r.fiche.chapitres:
            assert f"ressources/{r.slug}/" in (built / "boite-a-outils" / cid / "index.html").read_text(
                encoding="utf-8"
            )
        if r.fiche.url is None:
            assert "aucun lien public connu" in html
    index = (built / "ressources/index.html").read_text(encoding="utf-8")
    assert all(f'href="{r.slug}/"' in index for r in corpus.resources)


def test_news_page_and_feed(real_corpus, built):
    corpus = real_corpus
    html = (built / "actualites/index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert {n.slug for n in corpus.news} <= ids
    dates = [n.fiche.date.first_day() for n in corpus.news if n.fiche.type == "actualite"]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert "Revue de presse" in html  # shown even when empty, with how to add an article
    feed = ET.parse(built / "actualites/atom.xml").getroot()
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(corpus.news)


def test_news_feed_summaries_end_on_whole_words(real_corpus):
    """A reader of the feed sees whole words, and « … » where the news goes on (10 of 16 were cut)."""
    import feedparser

    corpus = real_corpus
    feed = feedparser.parse(library.news_feed(corpus, "https://ptce.fr/", dt.date(2026, 12, 1)))
    bodies = {n.fiche.titre: " ".join(n.body.split()) for n in corpus.news}
    cut = 0
    for entry in feed.entries:
        summary, body = entry.summary, bodies[entry.title]
        if summary.endswith("…"):
            cut += 1
            kept = summary[:-1]
            assert body.startswith(kept) and body[len(kept)] in " ,;:", (entry.title, summary[-40:])
        else:
            assert summary == body, entry.title
    assert cut > 0
