"""Fidelity to the sources (issue 14, item 10): the site says what the seeds say, and no more.

Each test guards one statement that once went beyond its source: a programme read as a report
of what happened, a planned contribution tied to a named day, a joint approach where the source
says « collégiale », the plan's action pilots read as chapter authors, a contact's address
locating a pole. The texts scanned are every fiche, chapter and page a reader sees.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from conftest import ROOT

from ptce.render import pages, toolkit
from ptce.render.blocks import source_list

pytestmark = pytest.mark.donnees  # reads the real data/

TEXT_DIRS = (
    "data/poles",
    "data/events",
    "data/chapitres",
    "data/outils",
    "data/ressources",
    "data/actualites",
    "docs",
)
_QUOTED = re.compile(r"«[^«»]*»")


@pytest.fixture(scope="module")
def corpus(real_corpus):
    return real_corpus


def texts() -> list[tuple[str, str]]:
    """(path, text) of every Markdown fiche, chapter and page, front matter included."""
    out = []
    for folder in TEXT_DIRS:
        for path in sorted((ROOT / folder).rglob("*.md")):
            out.append((path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")))
    return out


def text_of(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def sentences(text: str) -> list[str]:
    """Sentences and table rows: the unit in which a claim is made."""
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def offenders(pattern: str, unquoted: bool = False) -> list[str]:
    regex = re.compile(pattern)
    found = []
    for path, text in texts():
        for line in text.split("\n"):
            probe = _QUOTED.sub("« »", line) if unquoted else line
            for m in regex.finditer(probe):
                found.append(f"{path}: …{probe[max(0, m.start() - 60) : m.end() + 40]}…")
    return found


def test_report_of_2012_names_no_author(corpus):
    """The June 2012 report names no author: the site must not give it one."""
    assert not corpus.sources["compte-rendu-journee-2012"].get("auteur")
    assert "Labo" not in source_list(corpus, ["compte-rendu-journee-2012"])


def test_programmes_are_not_told_as_what_happened():
    """A programme announces sessions; it does not prove that they took place."""
    patterns = [
        r"\by (?:présente|présentent|intervient|interviennent|témoigne|témoignent)\b",
        r"\btenue à Caen\b",
        r"\bfait (?:intervenir|témoigner)\b",
        r"\bCaen (?:accueille|reçoit)\b|\bAbbaye-aux-Dames de Caen reçoit\b",
        r"permettent au moins de savoir qui a témoigné",
    ]
    found = [hit for pattern in patterns for hit in offenders(pattern)]
    assert found == []


def test_dombes_saone_is_not_put_in_a_workshop_the_programme_gives_to_val_horizon():
    """At Caen the programme lists only « Val Horizon » in workshop 1, not Armand Rosenberg."""
    body = text_of("data/poles/pole-territorial-economie-sociale-dombes-saone.md")
    claims = [s for s in sentences(body) if "atelier" in s and "Rosenberg" in s]
    assert claims == []


@pytest.mark.parametrize(
    "relative",
    [
        "data/events/2014-journee-nationale-ptce.md",
        "data/chapitres/reprise-activites.md",
        "data/chapitres/emplois-parcours.md",
    ],
)
def test_thematic_contribution_is_to_a_day_of_national_scope(relative):
    """The plan plans « une contribution thématique à une journée d'envergure nationale », no named day."""
    claims = [
        s
        for s in sentences(text_of(relative))
        if re.search(r"contribution thématique|y apporter une contribution", s, re.I)
    ]
    assert claims, "the plan's thematic contribution is no longer mentioned"
    wrong = [s for s in claims if "envergure nationale" not in s or "journée nationale des PTCE 2014" in s]
    assert wrong == []


def test_regions_approach_is_collegial_not_joint():
    """The 2012 report says each Region presented « leur démarche collégiale », not a joint one."""
    assert offenders(r"(?:démarche|soutien) commune?\b[^.]{0,40}animation") == []
    assert "collégiale" in text_of("data/events/2012-06-25-premiere-journee-nationale-ptce.md")


def test_chapter_pilots_are_labelled_as_the_2013_plans(corpus):
    """« pilotes : COORACE » beside the version reads as authorship; they pilot an action of the plan."""
    label = re.compile(r"pilotes? de l'action dans le plan de 2013 : ")
    for e in corpus.chapters:
        page = toolkit.chapter_page(e, corpus, [], "https://ptce.fr/", dt.date(2026, 1, 1))
        assert label.search(page), e.fiche.id
        assert "· pilotes :" not in page
    index = toolkit.index(corpus, {}, None, "boite-a-outils/index.md")
    assert len(label.findall(index)) == len(corpus.chapters)
    assert "· pilotes :" not in index


def test_limited_resources_are_the_first_phase_of_the_national_effort():
    """The plan's « ressources limitées » were those of the national effort's first phase, not the poles'."""
    body = text_of("data/chapitres/politiques-publiques.md")
    claims = [s for s in sentences(body) if "bénévol" in s]
    assert claims
    assert all("première phase" in s for s in claims), claims


def test_names_are_written_one_way():
    """Arévalo, Saint-Étienne and the call of late 2011: the plan's spellings only when quoted."""
    assert offenders(r"\bArevalo\b", unquoted=True) == []
    assert offenders(r"\bSaint-Etienne\b", unquoted=True) == []
    assert (
        offenders(r"\bappel (?:à candidatures |à projets )?(?:de |d')?(?:2011-2012|2012)\b", unquoted=True)
        == []
    )


def test_a_pole_whose_commune_is_unknown_is_not_located(corpus):
    """A contact's address never locates a pole: the PTCE Niortais is not at Poitiers."""
    unknown = re.compile(r"ni (?:la )?commune|commune (?:où le pôle|du pôle) (?:est|n'est)")
    located = [e.slug for e in corpus.poles if unknown.search(e.body) and e.place.commune is not None]
    assert located == []
    niortais = corpus.pole("ptce-niortais")
    assert niortais.place.commune is None and niortais.place.departement is None
    rows = [line for line in text_of("data/chapitres/experiences.md").split("\n") if "ptce-niortais" in line]
    assert rows and all("Poitiers" not in row.split("|")[2] for row in rows)


def test_2017_event_names_its_communication_contact(corpus):
    """The 5 July 2017 programme gives a communication contact for further information."""
    event = corpus.event("2017-07-05-cooperer-innover-territoires")
    page = pages.event_page(event, corpus)
    lines = [line for line in page.split("\n") if "Debora Fischkandl" in line]
    assert lines and "communication" in lines[0]


def _heading_levels(markdown: str) -> list[int]:
    levels, fence = [], False
    for line in markdown.split("\n"):
        if line.startswith("```"):
            fence = not fence
        m = None if fence else re.match(r"(#{1,6}) ", line)
        if m:
            levels.append(len(m.group(1)))
    return levels


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs/ptce").glob("*.md"))
)
def test_written_pages_never_skip_a_heading_level(path):
    """A screen reader's outline breaks when a page goes from h2 straight to h4 (/ptce/referentiel/)."""
    levels = [1] + _heading_levels(text_of(path))
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == []


@pytest.mark.build
def test_built_referentiel_never_skips_a_heading_level(built: Path):
    html = (built / "ptce/referentiel/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", article)]
    assert levels and levels[0] == 1
    assert [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1] == []
