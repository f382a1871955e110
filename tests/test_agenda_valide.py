"""Calendars and structured data read back by tools this project did not write.

Every VTIMEZONE is checked against the tz database (Python's zoneinfo), and the UTC start of
every event is computed by three independent readers: ical.js (Mozilla's parser, under node),
dateutil's tzical (the VTIMEZONE interpreter of the `ics` package) and the `ics` package itself.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
import subprocess
from io import StringIO
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from dateutil import rrule
from dateutil.tz import tzical

from ptce.records.corpus import load
from ptce.render import agenda

pytestmark = pytest.mark.build

SITE = "https://ptce.fr/"
TODAY = dt.date(2026, 11, 23)
UTC = dt.UTC
SECOND = dt.timedelta(seconds=1)
HORIZON = dt.datetime(2041, 1, 1)  # transitions are compared up to here
NODE = Path("/usr/bin/node")
ICAL_SCRIPT = ROOT / "tests" / "ical_utc.mjs"


# --- a small iCalendar reader (independent of the code that writes the files) -------------------


def unfold(text: str) -> list[str]:
    return re.sub(r"\r?\n[ \t]", "", text).splitlines()


def components(text: str, name: str) -> list[dict]:
    """Each component `name` as {"props": [(name, params, value)], "subs": [component…]}."""
    stack: list[dict] = []
    found = []
    for line in unfold(text):
        head, _, value = line.partition(":")
        prop, *params = head.split(";")
        if prop == "BEGIN":
            stack.append({"name": value, "props": [], "subs": []})
        elif prop == "END":
            comp = stack.pop()
            if stack:
                stack[-1]["subs"].append(comp)
            if comp["name"] == name:
                found.append(comp)
        elif stack:
            stack[-1]["props"].append((prop, dict(p.split("=", 1) for p in params), value))
    return found


def prop(comp: dict, name: str) -> tuple[dict, str] | None:
    return next(((params, value) for p, params, value in comp["props"] if p == name), None)


def offset(text: str) -> dt.timedelta:
    sign = -1 if text[0] == "-" else 1
    h, m, s = int(text[1:3]), int(text[3:5]), int(text[5:7] or 0)
    return sign * dt.timedelta(hours=h, minutes=m, seconds=s)


def local(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y%m%dT%H%M%S")


def onsets(vtz: dict) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta]]:
    """(UTC instant, offset before, offset after) of every onset of a VTIMEZONE, sorted."""
    out = []
    for sub in vtz["subs"]:
        assert sub["name"] in ("STANDARD", "DAYLIGHT"), sub["name"]
        before, after = offset(prop(sub, "TZOFFSETFROM")[1]), offset(prop(sub, "TZOFFSETTO")[1])
        starts = [local(prop(sub, "DTSTART")[1])]
        for p, _, value in sub["props"]:
            if p == "RDATE":
                starts += [local(v) for v in value.split(",")]
        rule = prop(sub, "RRULE")
        if rule:
            parts = dict(x.split("=", 1) for x in rule[1].split(";"))
            until = dt.datetime.strptime(parts.pop("UNTIL"), "%Y%m%dT%H%M%SZ") if "UNTIL" in parts else None
            text = ";".join(f"{k}={v}" for k, v in parts.items())
            for start in rrule.rrulestr(f"RRULE:{text}", dtstart=starts[0]):
                if start - before > (until or HORIZON):
                    break
                starts.append(start)
        out += [(start - before, before, after) for start in sorted(set(starts))]
    return sorted(out)


def zone_offset(zone: ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    return instant.replace(tzinfo=UTC).astimezone(zone).utcoffset()


def vtimezone_errors(vtz: dict) -> list[str]:
    """What a VTIMEZONE says that the tz database does not."""
    tzid = prop(vtz, "TZID")[1]
    zone = ZoneInfo(tzid)
    seen = onsets(vtz)
    errors = []
    for instant, before, after in seen:
        if before == after:  # the start of the block's coverage, not a change of offset
            if zone_offset(zone, instant) != after:
                errors.append(f"{tzid}: {after} from {instant}, zoneinfo says {zone_offset(zone, instant)}")
        elif (zone_offset(zone, instant - SECOND), zone_offset(zone, instant)) != (before, after):
            errors.append(f"{tzid}: no change {before} -> {after} at {instant} UTC in zoneinfo")
    # nothing missing: between the first onset and the horizon, the block and zoneinfo agree every 3 hours
    instants = [s[0] for s in seen]
    t = instants[0]
    while t < HORIZON and len(errors) < 20:
        said = seen[bisect.bisect_right(instants, t) - 1][2]
        if said != zone_offset(zone, t):
            errors.append(f"{tzid}: at {t} UTC the block says {said}, zoneinfo {zone_offset(zone, t)}")
        t += dt.timedelta(hours=3)
    return errors


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_utc(vevent: dict, name: str) -> str | None:
    """UTC of DTSTART/DTEND from its TZID and local time, by zoneinfo; None for a date."""
    found = prop(vevent, name)
    if found is None or found[0].get("VALUE") == "DATE" or "T" not in found[1]:
        return None
    params, value = found
    return iso_utc(local(value).replace(tzinfo=ZoneInfo(params["TZID"])))


def run_ical_js(paths: list[Path]) -> dict:
    if not NODE.exists():
        pytest.skip(
            "/usr/bin/node absent : ical.js ne peut pas relire les calendriers (make tools l'installe)"
        )
    if not (ROOT / "node_modules" / "ical.js").is_dir():
        pytest.skip("module npm ical.js absent de node_modules/ (make tools l'installe)")
    result = subprocess.run(
        [str(NODE), str(ICAL_SCRIPT), *map(str, paths)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def check_readers(paths: list[Path]) -> list[str]:
    """Three readers against zoneinfo, for every timed DTSTART and DTEND of these files."""
    import ics  # the `ics` package (PyPI), its own parser
    import tatsu.color

    problems = []
    by_js = run_ical_js(paths)
    for path in paths:
        text = path.read_text(encoding="utf-8")
        zones = tzical(StringIO("\n".join(unfold(text))))
        # tatsu (the grammar engine of `ics`) calls colorama.init() on every line it parses: each call
        # wraps sys.stdout once more, and a long calendar ends in a RecursionError under pytest
        with mock.patch.object(tatsu.color, "init", lambda: None):
            parsed = {e.uid: e for e in ics.Calendar(text).events}
        js = {e["uid"]: e for e in by_js[str(path)]}
        for vevent in components(text, "VEVENT"):
            uid = prop(vevent, "UID")[1]
            for name, key in (("DTSTART", "start"), ("DTEND", "end")):
                want = expected_utc(vevent, name)
                if want is None:
                    continue
                got_js = (js[uid][key] or {}).get("utc")
                params, value = prop(vevent, name)
                got_tzical = local(value).replace(tzinfo=zones.get(params["TZID"])).astimezone(UTC)
                arrow = parsed[uid].begin if key == "start" else parsed[uid].end
                got_ics = iso_utc(arrow.to("UTC").datetime)
                for reader, got in (("ical.js", got_js), ("tzical", iso_utc(got_tzical)), ("ics", got_ics)):
                    if got != want:
                        problems.append(f"{path.name} {uid} {name}: {reader} {got}, zoneinfo {want}")
    return problems


# --- the published site ---------------------------------------------------------------------


def published_calendars(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def test_every_vtimezone_of_the_site_matches_the_tz_database(built):
    calendars = published_calendars(built)
    assert len(calendars) >= 3
    blocks = [vtz for path in calendars for vtz in components(path.read_text(encoding="utf-8"), "VTIMEZONE")]
    assert blocks
    errors = [err for vtz in blocks for err in vtimezone_errors(vtz)]
    assert errors == [], "\n".join(errors[:20])


def test_each_zone_has_one_block_shared_by_every_calendar(built):
    texts: dict[str, set[str]] = {}
    for path in published_calendars(built):
        text = path.read_bytes().decode("utf-8")  # read_text() would turn CRLF into LF
        for block in re.findall(r"BEGIN:VTIMEZONE\r\n.*?END:VTIMEZONE\r\n", text, re.S):
            texts.setdefault(re.search(r"TZID:(.*?)\r\n", block).group(1), set()).add(block)
    assert texts and all(len(v) == 1 for v in texts.values())


def test_three_readers_agree_with_zoneinfo_on_every_published_event(built):
    problems = check_readers(published_calendars(built))
    assert problems == [], "\n".join(problems[:20])


def test_the_summer_2017_meeting_is_at_12_30_utc_for_ical_js(real_corpus, built):
    # data/events/2017-07-05-cooperer-innover-territoires.md: 14:30, Paris time (CEST, UTC+2)
    corpus = real_corpus
    event = corpus.event("2017-07-05-cooperer-innover-territoires")
    assert (event.fiche.debut.time, event.fiche.zone) == (dt.time(14, 30), "Europe/Paris")
    path = built / "agenda" / "2017-07-05-cooperer-innover-territoires.ics"
    (found,) = run_ical_js([path])[str(path)]
    assert found["start"]["utc"] == "2017-07-05T12:30:00Z"


# --- calendars made here: overseas zones, every month, both sides of each change ----------------


def event_text(day: str, start: str, cp: str | None, commune: str | None, zone: str) -> str:
    place = f'lieu:\n  code_postal: "{cp}"\n  commune: "{commune}"\n' if cp else ""
    return (
        f'---\ntitre: "Réunion du {day} à {start}"\ntype: seminaire\ndebut: "{day}T{start}"\n'
        f'fin: "{day}T{start[:2]}:59"\nfuseau: {zone}\n{place}---\n'
    )


PLACES = {
    "Europe/Paris": ("75011", "Paris"),
    "America/Guadeloupe": ("97100", "Basse-Terre"),
    "Indian/Reunion": ("97400", "Saint-Denis"),
    "America/Cayenne": ("97300", "Cayenne"),
    "America/Miquelon": (None, None),
}  # no postal code of Saint-Pierre-et-Miquelon in data/geo


@pytest.fixture(scope="module")
def made_calendars(tmp_path_factory):
    """One calendar per zone: an event in every month from 2011 to 2030, and around each change."""
    from conftest import make_root

    out = {}
    for zone, (cp, commune) in PLACES.items():
        events = {}
        days = {dt.date(y, m, 15) for y in range(2011, 2031) for m in range(1, 13)}
        tz = ZoneInfo(zone)
        for y in range(2011, 2031):  # the day before and the day after each change of offset
            d = dt.date(y, 1, 1)
            while d.year == y:
                if (
                    dt.datetime.combine(d, dt.time(12), tz).utcoffset()
                    != dt.datetime.combine(d + dt.timedelta(days=1), dt.time(12), tz).utcoffset()
                ):
                    days |= {d, d + dt.timedelta(days=1), d - dt.timedelta(days=1)}
                d += dt.timedelta(days=1)
        for day in sorted(days):
            for start in ("01:30", "10:00", "23:15"):
                when = dt.datetime.combine(day, dt.time.fromisoformat(start), tz)
                if when.utcoffset() != when.replace(fold=1).utcoffset():
                    continue  # a local time that occurs twice (or never): readers may choose either
                events[f"{day}-r{start[:2]}.md"] = event_text(day.isoformat(), start, cp, commune, zone)
        corpus = load(make_root(tmp_path_factory.mktemp(zone.replace("/", "-")), events=events))
        assert corpus.errors == []
        path = tmp_path_factory.mktemp("ics") / f"{zone.replace('/', '-')}.ics"
        path.write_bytes(agenda.calendar(corpus.events, corpus, SITE, TODAY, zone))
        out[zone] = path
    return out


def test_vtimezone_of_each_overseas_zone_matches_the_tz_database(made_calendars):
    for zone, path in made_calendars.items():
        (vtz,) = components(path.read_text(encoding="utf-8"), "VTIMEZONE")
        assert prop(vtz, "TZID")[1] == zone
        assert vtimezone_errors(vtz) == [], zone


def test_three_readers_agree_with_zoneinfo_in_every_zone(made_calendars):
    problems = check_readers(list(made_calendars.values()))
    assert problems == [], "\n".join(problems[:20])


def test_no_rdate_list_that_ical_js_would_cut_short(made_calendars, built):
    # ical.js expands a VTIMEZONE from the first value of each RDATE only
    for path in [*made_calendars.values(), *published_calendars(built)]:
        for vtz in components(path.read_text(encoding="utf-8"), "VTIMEZONE"):
            for sub in vtz["subs"]:
                assert all("," not in value for p, _, value in sub["props"] if p == "RDATE"), path.name


def test_one_vtimezone_computation_per_zone_and_build(repo):
    agenda.vtimezone.cache_clear()
    agenda._vtimezone_ical.cache_clear()  # its serialization is remembered too
    days = [f"2015-06-0{i}" for i in range(1, 8)]
    texts = {f"{d}-x.md": event_text(d, "10:00", "75011", "Paris", "Europe/Paris") for d in days}
    corpus = load(repo(events=texts))
    for e in corpus.events:
        agenda.calendar([e], corpus, SITE, TODAY, "x")
    agenda.calendar(corpus.events, corpus, SITE, TODAY, "x")
    assert agenda.vtimezone.cache_info().misses == 1
    assert agenda._vtimezone_ical.cache_info().misses == 1


# --- JSON-LD: expanded by PyLD, then held to Google's Event requirements --------------------------

SCHEMA = "http://schema.org/"
# A local, minimal schema.org context: only the terms an Event block may use. A key that is not a
# schema.org term here is dropped by expansion, so a misspelt or invented property shows up.
_TERMS = [
    "name",
    "description",
    "startDate",
    "endDate",
    "location",
    "address",
    "streetAddress",
    "postalCode",
    "addressLocality",
    "addressRegion",
    "addressCountry",
    "geo",
    "latitude",
    "longitude",
    "organizer",
    "performer",
    "offers",
    "image",
    "previousStartDate",
]
_TYPES = ["Event", "Place", "PostalAddress", "VirtualLocation", "GeoCoordinates", "Organization", "Person"]
SCHEMA_CONTEXT = {
    "@context": {
        "type": "@type",
        "id": "@id",
        **{t: SCHEMA + t for t in _TERMS + _TYPES},
        "url": {"@id": SCHEMA + "url", "@type": "@id"},
        "eventStatus": {"@id": SCHEMA + "eventStatus", "@type": "@id"},
        "eventAttendanceMode": {"@id": SCHEMA + "eventAttendanceMode", "@type": "@id"},
    }
}
BASES = ("http://schema.org/", "https://schema.org/")
STATUSES = {
    base + s
    for base in BASES
    for s in ("EventScheduled", "EventCancelled", "EventPostponed", "EventRescheduled", "EventMovedOnline")
}
MODES = {f"{base}{s}EventAttendanceMode" for base in BASES for s in ("Offline", "Online", "Mixed")}
# https://developers.google.com/search/docs/appearance/structured-data/event
GOOGLE_REQUIRED = ["name", "startDate", "location"]
GOOGLE_RECOMMENDED = [
    "description",
    "endDate",
    "eventAttendanceMode",
    "eventStatus",
    "image",
    "offers",
    "organizer",
    "performer",
    "previousStartDate",
]


def load_schema_context(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise ValueError(f"no network in tests: {url}")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": SCHEMA_CONTEXT,
    }


def expand(data: dict) -> dict:
    from pyld import jsonld

    (node,) = jsonld.expand(data, {"documentLoader": load_schema_context})
    return node


def values(node: dict, term: str) -> list:
    return node.get(SCHEMA + term, [])


def literal(node: dict, term: str) -> str | None:
    found = values(node, term)
    return found[0].get("@value") if found else None


def full_iso(text: str | None) -> bool:
    """A whole day ("2012-02-14") or a date-time with its UTC offset, as Google requires."""
    if not text:
        return False
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return True
    try:
        return dt.datetime.fromisoformat(text).tzinfo is not None and "T" in text
    except ValueError:
        return False


def event_block_errors(data: dict) -> list[str]:
    """Why Google would reject this Event block (required properties), after JSON-LD expansion."""
    errors = []
    node = expand(data)
    dropped = set(data) - {"@context", "@type"} - {k for k in data if SCHEMA + k in node}
    if dropped:
        errors.append(f"not schema.org terms: {sorted(dropped)}")
    if node.get("@type") != [SCHEMA + "Event"]:
        errors.append(f"type {node.get('@type')}")
    if not literal(node, "name"):
        errors.append("no name")
    if not full_iso(literal(node, "startDate")):
        errors.append(f"startDate {literal(node, 'startDate')!r} is not a full ISO 8601 date")
    if values(node, "endDate") and not full_iso(literal(node, "endDate")):
        errors.append(f"endDate {literal(node, 'endDate')!r}")
    locations = values(node, "location")
    if not locations:
        errors.append("no location")
    for loc in locations:
        if loc.get("@type") == [SCHEMA + "Place"]:
            (address,) = values(loc, "address") or [{}]
            if address.get("@type") != [SCHEMA + "PostalAddress"] or not (
                literal(address, "addressLocality") or literal(address, "streetAddress")
            ):
                errors.append("Place without a postal address")
        elif loc.get("@type") == [SCHEMA + "VirtualLocation"]:
            if not values(loc, "url"):
                errors.append("VirtualLocation without url")
        else:
            errors.append(f"location of type {loc.get('@type')}")
    for term, allowed in (("eventStatus", STATUSES), ("eventAttendanceMode", MODES)):
        for v in values(node, term):
            if v.get("@id") not in allowed:
                errors.append(f"{term} {v}")
    kinds = {tuple(loc.get("@type", [])) for loc in locations}
    mode = values(node, "eventAttendanceMode")
    if mode and mode[0]["@id"].endswith("MixedEventAttendanceMode") and len(kinds) < 2:
        errors.append("mixed attendance needs a Place and a VirtualLocation")
    for org in values(node, "organizer"):
        if not literal(org, "name"):
            errors.append("organizer without name")
    return errors


def blocks_of(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(b) for b in found]


def test_every_published_json_ld_block_is_a_valid_event(real_corpus, built):
    corpus = real_corpus
    found = 0
    for e in corpus.events:
        html = (built / "agenda" / e.slug / "index.html").read_text(encoding="utf-8")
        for data in blocks_of(html):
            found += 1
            assert event_block_errors(data) == [], e.slug
            node = expand(data)
            assert literal(node, "name") == e.fiche.titre
            # the start is the record's day and local time, in its zone
            start = literal(node, "startDate")
            if e.fiche.debut.time:
                day, zone = e.fiche.debut.date.first_day(), ZoneInfo(e.fiche.zone)
                local_start = dt.datetime.combine(day, e.fiche.debut.time, zone)
                assert dt.datetime.fromisoformat(start) == local_start, e.slug
            else:
                assert start == e.fiche.debut.date.first_day().isoformat()
            if e.fiche.organisateurs:
                names = [literal(o, "name") for o in values(node, "organizer")]
                assert names == [o.nom for o in e.fiche.organisateurs]
            present = [t for t in GOOGLE_RECOMMENDED if values(node, t)]
            assert {"description", "eventStatus"} <= set(present), (e.slug, present)
    assert found >= 4


def test_no_json_ld_block_without_a_full_date_and_a_location(real_corpus, built):
    corpus = real_corpus
    for e in corpus.events:
        blocks = blocks_of((built / "agenda" / e.slug / "index.html").read_text(encoding="utf-8"))
        f = e.fiche
        partial = f.debut.date.precision != "jour"
        nowhere = not (f.lieu and (f.lieu.commune or e.place.commune)) and not (f.en_ligne and f.en_ligne.url)
        if partial or nowhere:
            assert blocks == [], e.slug
        else:
            assert len(blocks) == 1, e.slug


def cancelled_event(statut: str, extra: str = "") -> str:
    return (
        f'---\ntitre: "Rencontre {statut}"\ntype: seminaire\nstatut: {statut}\n'
        f'debut: "2030-03-12T10:00"\nfin: "2030-03-12T12:00"\n'
        f'lieu:\n  nom: "Salle"\n  code_postal: "14000"\n  commune: "Caen"\n{extra}---\n'
    )


def test_status_and_attendance_mode_follow_the_record(repo):
    from ptce.render import pages

    online = 'en_ligne:\n  url: "https://visio.example.org/salle"\n'
    no_url = 'en_ligne:\n  description: "Également en visioconférence"\n'
    corpus = load(
        repo(
            events={
                "2030-03-12-annule.md": cancelled_event("annule"),
                "2030-03-12-reporte.md": cancelled_event("reporte", online),
                "2030-03-12-programme.md": cancelled_event("programme", no_url),
            }
        )
    )
    assert corpus.errors == []
    got = {}
    for e in corpus.events:
        (data,) = blocks_of(pages.event_page(e, corpus, SITE))
        assert event_block_errors(data) == [], e.slug
        node = expand(data)
        got[e.fiche.statut] = (
            [v["@id"] for v in values(node, "eventStatus")],
            [v["@id"] for v in values(node, "eventAttendanceMode")],
        )
    s = "https://schema.org/"
    assert got["annule"] == ([s + "EventCancelled"], [s + "OfflineEventAttendanceMode"])
    assert got["reporte"] == ([s + "EventPostponed"], [s + "MixedEventAttendanceMode"])
    # online too, but without its address: no VirtualLocation, so no mode rather than a wrong one
    assert got["programme"] == ([s + "EventScheduled"], [])
