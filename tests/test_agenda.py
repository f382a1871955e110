"""Agenda: calendars, feed and structured data parsed back as their users' tools would."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import icalendar
import pytest

from conftest import ROOT
from ptce import agenda
from ptce.corpus import load

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


def test_real_agenda_has_one_vevent_per_dated_event_at_local_time():
    corpus = load(ROOT)
    dated = [e for e in corpus.events if e.fiche.debut.date.precision == "jour"]
    events = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "Agenda"))
    assert sorted(str(v["uid"]) for v in events) == sorted(f"{e.slug}@ptce.fr" for e in dated)
    caen = next(v for v in events if str(v["uid"]).startswith("2012-12-06-"))
    start = caen.decoded("dtstart")
    assert start.tzinfo is not None and start.astimezone(ZoneInfo("Europe/Paris")).hour == 9
    assert start.astimezone(dt.timezone.utc).hour == 8  # CET, UTC+1 in December
    assert "VTIMEZONE" in agenda.calendar(corpus.events, corpus, SITE, TODAY, "Agenda").decode()
    assert str(caen["url"]) == SITE + "agenda/2012-12-06-rencontre-regionale-ptce-caen/"
    assert caen.decoded("geo") is not None or caen.get("geo") is not None


def test_local_times_across_a_dst_change(repo):
    corpus = load(repo(events={"2013-03-30-avant.md": event("2013-03-30"), "2013-03-31-apres.md": event("2013-03-31")}))
    assert corpus.errors == []
    starts = {str(v["uid"]): v.decoded("dtstart") for v in vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))}
    assert starts["2013-03-30-avant@ptce.fr"].astimezone(dt.timezone.utc).hour == 9   # UTC+1
    assert starts["2013-03-31-apres@ptce.fr"].astimezone(dt.timezone.utc).hour == 8   # UTC+2 after the change
    assert all(s.astimezone(ZoneInfo("Europe/Paris")).hour == 10 for s in starts.values())


def test_uids_are_stable_across_builds_and_date_corrections(repo):
    before = load(repo(events={"2014-05-12-seminaire.md": event("2014-05-12")}))
    after = load(repo(events={"2014-05-12-seminaire.md": event("2014-05-13")}))  # the date was corrected
    a = vevents(agenda.calendar(before.events, before, SITE, TODAY, "x"))
    b = vevents(agenda.calendar(after.events, after, SITE, TODAY, "x"))
    assert [str(v["uid"]) for v in a] == [str(v["uid"]) for v in b] == ["2014-05-12-seminaire@ptce.fr"]
    assert agenda.calendar(before.events, before, SITE, TODAY, "x") == agenda.calendar(before.events, before, SITE, TODAY, "x")


def test_overseas_time_zone(repo):
    text = event("2015-06-01", extra="fuseau: America/Guadeloupe\n").replace('"75011"', '"97100"').replace('"Paris"', '"Basse-Terre"')
    corpus = load(repo(events={"2015-06-01-guadeloupe.md": text}))
    assert corpus.errors == []
    start = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))[0].decoded("dtstart")
    assert start.astimezone(dt.timezone.utc).hour == 14  # 10:00 at UTC-4


def test_all_day_event_ends_the_next_day(repo):
    text = event("2014-05-12").replace('debut: "2014-05-12T10:00"', 'debut: "2014-05-12"').replace('fin: "2014-05-12T12:00"', 'fin: "2014-05-13"')
    corpus = load(repo(events={"2014-05-12-deux-jours.md": text}))
    v = vevents(agenda.calendar(corpus.events, corpus, SITE, TODAY, "x"))[0]
    assert v.decoded("dtstart") == dt.date(2014, 5, 12) and v.decoded("dtend") == dt.date(2014, 5, 14)


def test_upcoming_and_past_split_depends_on_the_build_date(repo):
    corpus = load(repo(events={"2030-01-10-futur.md": event("2030-01-10"), "2020-01-10-passe.md": event("2020-01-10"),
                               "2021-02-01-autre.md": event("2021-02-01")}))
    upcoming, past = agenda.split(corpus.events, dt.date(2026, 11, 23))
    assert [e.slug for e in upcoming] == ["2030-01-10-futur"]
    assert list(past) == [2021, 2020]
    upcoming, past = agenda.split(corpus.events, dt.date(2019, 1, 1))
    assert [e.slug for e in upcoming] == ["2020-01-10-passe", "2021-02-01-autre", "2030-01-10-futur"] and past == {}
    # an event is upcoming until its last day has passed
    upcoming, _ = agenda.split(corpus.events, dt.date(2030, 1, 10))
    assert [e.slug for e in upcoming] == ["2030-01-10-futur"]


@pytest.mark.build
def test_atom_feed_and_built_calendars(built):
    corpus = load(ROOT)
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
    assert regional and all(vevents(p.read_bytes()) for p in regional)


@pytest.mark.build
def test_agenda_page_lists_every_event(built):
    corpus = load(ROOT)
    html = (built / "agenda/index.html").read_text(encoding="utf-8")
    for e in corpus.events:
        assert f'href="{e.slug}/"' in html
    assert "À venir" in html and "Passés" in html
