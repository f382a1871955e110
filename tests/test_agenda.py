"""Agenda: calendars, feed and structured data parsed back as their users' tools would."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest

from ptce.records.corpus import load
from ptce.render import agenda

SITE = "https://ptce.fr/"
TODAY = dt.date(2026, 11, 23)


def event(day: str, start: str = "10:00", end: str = "12:00", extra: str = "") -> str:
    return f"""---
titre: "Réunion du {day}"
type: seminaire
debut: "{day}T{start}"
fin: "{day}T{end}"
lieu:
  nom: "Salle"
  code_postal: "75011"
  commune: "Paris"
{extra}---
"""


def vevents(ics: bytes) -> list:
    return [c for c in icalendar.Calendar.from_ical(ics).walk("VEVENT")]


def test_real_agenda_has_one_vevent_per_dated_event_at_local_time(real_corpus):
    corpus = real_corpus
    dated = [e for e in corpus.events if e.fiche.debut.date.precision == "jour"]
    events = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "Agenda"))
    assert sorted(str(v["uid"]) for v in events) == sorted(f"{e.slug}@ptce.fr" for e in dated)
    caen = next(v for v in events if str(v["uid"]).startswith("2012-12-06-"))
    start = caen.decoded("dtstart")
    assert start.tzinfo is not None and start.astimezone(ZoneInfo("Europe/Paris")).hour == 9
    assert start.astimezone(dt.UTC).hour == 8  # CET, UTC+1 in December
    assert "VTIMEZONE" in agenda.calendar(corpus.events, corpus, SITE, TODAY, "Agenda").decode()
    assert str(caen["url"]) == SITE + "agenda/2012-12-06-rencontre-regionale-ptce-caen/"
    assert caen.decoded("geo") is not None or caen.get("geo") is not None


def test_local_times_across_a_dst_change(repo):
    corpus = load(
        repo(events={"2013-03-30-avant.md": event("2013-03-30"), "2013-03-31-apres.md": event("2013-03-31")})
    )
    assert corpus.errors == []
    starts = {
        str(v["uid"]): v.decoded("dtstart")
        for v in vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))
    }
    assert starts["2013-03-30-avant@ptce.fr"].astimezone(dt.UTC).hour == 9  # UTC+1
    assert starts["2013-03-31-apres@ptce.fr"].astimezone(dt.UTC).hour == 8  # UTC+2 after the change
    assert all(s.astimezone(ZoneInfo("Europe/Paris")).hour == 10 for s in starts.values())


def test_uids_are_stable_across_builds_and_date_corrections(repo):
    before = load(repo(events={"2014-05-12-seminaire.md": event("2014-05-12")}))
    after = load(repo(events={"2014-05-12-seminaire.md": event("2014-05-13")}))  # the date was corrected
    a = vevents(agenda.calendar(before.events, before, SITE, TODAY, "x"))
    b = vevents(agenda.calendar(after.events, after, SITE, TODAY, "x"))
    assert [str(v["uid"]) for v in a] == [str(v["uid"]) for v in b] == ["2014-05-12-seminaire@ptce.fr"]
    assert agenda.calendar(before.events, before, SITE, TODAY, "x") == agenda.calendar(
        before.events, before, SITE, TODAY, "x"
    )


def test_overseas_time_zone(repo):
    text = (
        event("2015-06-01", extra="fuseau: America/Guadeloupe\n")
        .replace('"75011"', '"97100"')
        .replace('"Paris"', '"Basse-Terre"')
    )
    corpus = load(repo(events={"2015-06-01-guadeloupe.md": text}))
    assert corpus.errors == []
    start = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))[0].decoded("dtstart")
    assert start.astimezone(dt.UTC).hour == 14  # 10:00 at UTC-4


def test_all_day_event_ends_the_next_day(repo):
    text = (
        event("2014-05-12")
        .replace('debut: "2014-05-12T10:00"', 'debut: "2014-05-12"')
        .replace('fin: "2014-05-12T12:00"', 'fin: "2014-05-13"')
    )
    corpus = load(repo(events={"2014-05-12-deux-jours.md": text}))
    v = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))[0]
    assert v.decoded("dtstart") == dt.date(2014, 5, 12) and v.decoded("dtend") == dt.date(2014, 5, 14)


def test_upcoming_and_past_split_depends_on_the_build_date(repo):
    corpus = load(
        repo(
            events={
                "2030-01-10-futur.md": event("2030-01-10"),
                "2020-01-10-passe.md": event("2020-01-10"),
                "2021-02-01-autre.md": event("2021-02-01"),
            }
        )
    )
    upcoming, past = agenda.split(corpus.events, dt.date(2026, 11, 23))
    assert [e.slug for e in upcoming] == ["2030-01-10-futur"]
    assert list(past) == [2021, 2020]
    upcoming, past = agenda.split(corpus.events, dt.date(2019, 1, 1))
    assert [e.slug for e in upcoming] == [
        "2020-01-10-passe",
        "2021-02-01-autre",
        "2030-01-10-futur",
    ] and past == {}
    # an event is upcoming until its last day has passed
    upcoming, _ = agenda.split(corpus.events, dt.date(2030, 1, 10))
    assert [e.slug for e in upcoming] == ["2030-01-10-futur"]


@pytest.mark.build
def test_atom_feed_and_built_calendars(real_corpus, built):
    corpus = real_corpus
    feed = ET.parse(built / "agenda/atom.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == len(corpus.events)
    assert {e.find("a:title", ns).text for e in entries} == {e.fiche.titre for e in corpus.events}
    full = vevents((built / "agenda.ics").read_bytes())
    assert len(full) == sum(1 for e in corpus.events if e.fiche.debut.date.precision == "jour")
    for e in corpus.events:
        single = built / "agenda" / f"{e.slug}.ics"
        assert single.exists() == (e.fiche.debut.date.precision == "jour")
    regional = list((built / "agenda/regions").glob("*.ics"))
    assert regional
    dated = {e.slug for e in corpus.events if e.fiche.debut.date.precision == "jour"}
    for path in regional:  # each regional calendar holds the dated events its page lists
        page = (built / "agenda/regions" / path.stem / "index.html").read_text(encoding="utf-8")
        listed = set(re.findall(r'href="\.\./\.\./([0-9][^"/]+)/"', page))
        assert {str(v["uid"]) for v in vevents(path.read_bytes())} == {f"{s}@ptce.fr" for s in listed & dated}


@pytest.mark.build
def test_agenda_page_lists_every_event(real_corpus, built):
    corpus = real_corpus
    html = (built / "agenda/index.html").read_text(encoding="utf-8")
    for e in corpus.events:
        assert f'href="{e.slug}/"' in html
    assert "À venir" in html and "Passés" in html


def venue(commune: str, cp: str | None = None) -> str:
    return (
        event("2014-05-12")
        .replace('  code_postal: "75011"\n', f'  code_postal: "{cp}"\n' if cp else "")
        .replace('commune: "Paris"', f'commune: "{commune}"')
    )


def test_a_commune_given_alone_locates_the_event_when_no_other_commune_has_its_name(repo):
    from ptce.render import indexes

    corpus = load(
        repo(
            events={
                "2014-05-12-paris.md": venue("Paris"),
                "2014-05-12-romans.md": venue("Romans-sur-Isère"),
                "2014-05-12-saint-denis.md": venue("Saint-Denis"),
                "2014-05-12-kremlin.md": venue("Le Kremlin-Bicêtre", "94270"),
            }
        )
    )
    assert corpus.errors == []
    place = {e.slug: e.place for e in corpus.events}
    assert (place["2014-05-12-paris"].commune.insee, place["2014-05-12-paris"].region) == (
        "75056",
        "Île-de-France",
    )
    assert place["2014-05-12-romans"].departement.code == "26"
    assert place["2014-05-12-romans"].region == "Auvergne-Rhône-Alpes"
    # several communes are called Saint-Denis (Seine-Saint-Denis, La Réunion…): no guess
    assert place["2014-05-12-saint-denis"].commune is None and place["2014-05-12-saint-denis"].region is None
    by_region = indexes.events_by_region(corpus)
    assert sorted(e.slug for e in by_region["Île-de-France"]) == ["2014-05-12-kremlin", "2014-05-12-paris"]


@pytest.mark.build
def test_ile_de_france_agenda_lists_the_five_events_held_there(built):
    # data/events: three in Paris without postal code, one in Paris 15e, one in Le Kremlin-Bicêtre
    held = {
        "2011-debat-etats-generaux-ess-palais-brongniart",
        "2012-02-14-rassemblement-poles-temoins",
        "2012-06-25-premiere-journee-nationale-ptce",
        "2013-12-19-journee-formation-rtes-collectivites-ptce",
        "2017-07-05-cooperer-innover-territoires",
    }
    html = (built / "agenda/regions/ile-de-france/index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="\.\./\.\./([0-9][^"/]+)/"', html)) == held
    assert "Île-de-France</a> (5)" in (built / "agenda/index.html").read_text(encoding="utf-8")


def with_status(day: str, statut: str, sources: str = "") -> str:
    return event(day, extra=sources).replace("type: seminaire\n", f"type: seminaire\nstatut: {statut}\n")


STATUS_CASES = {
    "2012-12-06-annonce": ("2012-12-06", "programme"),
    "2013-02-28-prevu": ("2013-02-28", "prevu"),
    "2012-06-25-tenu": ("2012-06-25", "tenu"),
    "2012-05-02-annule": ("2012-05-02", "annule"),
    "2012-05-03-reporte": ("2012-05-03", "reporte"),
    "2030-05-02-a-venir": ("2030-05-02", "programme"),
    "2030-06-02-prevu": ("2030-06-02", "prevu"),
    "2030-07-02-annule": ("2030-07-02", "annule"),
}


@pytest.fixture
def statuses(repo):
    source = "sources: [compte-rendu-journee-2012]\n"
    corpus = load(
        repo(
            events={
                f"{slug}.md": with_status(day, statut, source if statut == "tenu" else "")
                for slug, (day, statut) in STATUS_CASES.items()
            }
        )
    )
    assert corpus.errors == []
    return corpus


def test_shown_status_combines_the_record_with_the_build_date(statuses):
    from ptce.render import pages

    def header(slug):  # the line under the title: « Séminaire · **status** »
        page = pages.event_page(statuses.event(slug), statuses, SITE, today=TODAY)
        return re.search(r"^Séminaire · \*\*(.*)\*\*$", page, re.M).group(1)

    # past: « a eu lieu » only where a source says so
    assert header("2012-06-25-tenu") == "A eu lieu"
    assert header("2012-12-06-annonce") == "Annoncé, tenue non confirmée"
    assert header("2013-02-28-prevu") == "Prévu, tenue non confirmée par les sources"
    assert header("2012-05-02-annule") == "Annulé" and header("2012-05-03-reporte") == "Reporté"
    # upcoming
    assert header("2030-05-02-a-venir") == "Programmé"
    assert header("2030-06-02-prevu") == "Prévu, à confirmer"
    assert header("2030-07-02-annule") == "Annulé"
    # the same record, built before the day: still upcoming
    page = pages.event_page(statuses.event("2012-12-06-annonce"), statuses, SITE, today=dt.date(2012, 11, 1))
    assert "**Programmé**" in page and "non confirmée" not in page


def test_a_held_event_needs_the_source_that_says_so(repo):
    corpus = load(repo(events={"2012-06-25-tenu.md": with_status("2012-06-25", "tenu")}))
    assert [e.field for e in corpus.errors] == ["sources"]


def test_cancelled_and_postponed_events_stay_in_lists_and_calendars(statuses):
    from ptce.render import indexes

    listing = indexes.agenda_listing(statuses.events, statuses, TODAY, "agenda/index.md")
    for slug in STATUS_CASES:
        assert f"({slug}.md)" in listing
    line = next(x for x in listing.splitlines() if "2012-05-02-annule.md" in x)
    assert line.endswith("*(Annulé)*")
    line = next(x for x in listing.splitlines() if "2012-12-06-annonce.md" in x)
    assert line.endswith("*(Annoncé, tenue non confirmée)*")
    cal = {str(v["uid"]): v for v in vevents(agenda.calendar(statuses.events, statuses, SITE, TODAY, "x"))}
    assert set(cal) == {f"{slug}@ptce.fr" for slug in STATUS_CASES}
    assert str(cal["2030-07-02-annule@ptce.fr"]["status"]) == "CANCELLED"
    assert str(cal["2030-07-02-annule@ptce.fr"]["summary"]).startswith("Annulé : ")
    assert str(cal["2012-05-03-reporte@ptce.fr"]["summary"]).startswith("Reporté : ")
    assert str(cal["2012-06-25-tenu@ptce.fr"]["status"]) == "CONFIRMED"


@pytest.mark.build
def test_the_past_caen_meeting_does_not_read_as_upcoming(built):
    # data/events/2012-12-06-…: statut programme, and the only source is its programme
    html = (built / "agenda/2012-12-06-rencontre-regionale-ptce-caen/index.html").read_text(encoding="utf-8")
    assert "Programmé" not in html
    assert "tenue non confirmée" in html


def test_webcal_address_is_absolute_and_keeps_the_site_path():
    assert agenda.webcal("https://ptce.fr/", "agenda.ics") == "webcal://ptce.fr/agenda.ics"
    assert (
        agenda.webcal("https://example.org/ptce/", "agenda/regions/normandie.ics")
        == "webcal://example.org/ptce/agenda/regions/normandie.ics"
    )


@pytest.mark.build
def test_every_ics_link_has_a_webcal_subscribe_link_beside_it(built):
    pages = [
        built / "agenda/index.html",
        *built.glob("agenda/regions/*/index.html"),
        *(built / "agenda" / p.stem / "index.html" for p in built.glob("agenda/*.ics")),
    ]
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        ics = re.findall(r'href="([^"]+\.ics)"', html)
        webcal = re.findall(r'href="(webcal:[^"]+)"', html)
        local = [u for u in ics if not u.startswith("webcal:")]
        if not local and page.parent.parent.name == "regions":  # a region whose events have no known day:
            assert not (page.parent.parent / f"{page.parent.name}.ics").exists()  # no empty, invalid calendar
            continue
        assert local and len(webcal) == len(local), page
        for url in webcal:
            assert url.startswith("webcal://ptce.fr/"), url
            assert (built / url.removeprefix("webcal://ptce.fr/")).is_file(), url
