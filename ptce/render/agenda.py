"""The agenda: what is upcoming on the build date, calendars, feed, structured data.

"Today" is the build date (SOURCE_DATE_EPOCH when set), so a static site needs
a scheduled rebuild to move events from "à venir" to "passés".
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import event_when
from ptce.render import feeds
from ptce.text import urls

STATUS_ICS = {
    "annule": "CANCELLED",
    "prevu": "TENTATIVE",
    "reporte": "TENTATIVE",
    "programme": "CONFIRMED",
    "tenu": "CONFIRMED",
}
STATUS_SCHEMA = {"annule": "EventCancelled", "reporte": "EventPostponed"}  # anything else: EventScheduled


def last_day(e: Entry) -> dt.date:
    return (e.fiche.fin or e.fiche.debut).date.last_day()


# What a reader sees once the last day has passed: only a source can say that an event took place.
PAST_STATUS = {
    "programme": "Annoncé, tenue non confirmée",
    "prevu": "Prévu, tenue non confirmée par les sources",
    "tenu": "A eu lieu",
}
UPCOMING_STATUS = {"prevu": "Prévu, à confirmer", "tenu": "Programmé"}  # not yet held, whatever the record


def shown_status(e: Entry, corpus: Corpus, today: dt.date) -> str:
    """The record's status read on the build date (« Programmé » only while the event is ahead)."""
    statut = e.fiche.statut
    if statut in ("annule", "reporte"):
        return corpus.label("statuts_evenement", statut)
    labels = PAST_STATUS if last_day(e) < today else UPCOMING_STATUS
    return labels.get(statut) or corpus.label("statuts_evenement", statut)


def split(events: list[Entry], today: dt.date) -> tuple[list[Entry], dict[int, list[Entry]]]:
    """Upcoming (soonest first) and past events grouped by year (newest first)."""
    upcoming = sorted(
        (e for e in events if last_day(e) >= today), key=lambda e: (e.fiche.debut.date.first_day(), e.slug)
    )
    past: dict[int, list[Entry]] = defaultdict(list)
    for e in sorted(
        (e for e in events if last_day(e) < today),
        key=lambda e: (e.fiche.debut.date.first_day(), e.slug),
        reverse=True,
    ):
        past[e.fiche.debut.date.year].append(e)
    return upcoming, dict(sorted(past.items(), reverse=True))


def webcal(site_url: str, path: str) -> str:
    """Subscription address of a published calendar: calendar apps open webcal:// and keep it updated."""
    parts = urlsplit(site_url)
    return f"webcal://{parts.netloc}{parts.path.rstrip('/')}/{path.lstrip('/')}"


def page_url(site_url: str, e: Entry) -> str:
    return site_url.rstrip("/") + "/" + urls.event(e.slug).removesuffix(".md") + "/"


def _local(d: dt.date, t: dt.time | None, zone: str):
    return dt.datetime.combine(d, t, tzinfo=ZoneInfo(zone)) if t else d


def in_calendar(e: Entry) -> bool:
    """Only events whose day is known go into calendars: a month is not a date."""
    return e.fiche.debut.date.precision == "jour"


# --- VTIMEZONE blocks from the tz database ---------------------------------------------------
# icalendar's generated block for Europe/Paris put every summer change one hour late, and its
# long RDATE lists are cut to their first value by ical.js. Here each zone's changes are read
# from zoneinfo and written as yearly RRULEs where they follow a rule, single onsets elsewhere.

COVERAGE_START = dt.datetime(1970, 1, 1)  # local time of the first onset of every block
SCAN_END_YEAR = 2100  # a rule still followed in the last scanned year is written without end
_DAY = 86400
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Change:
    utc: dt.datetime  # naive UTC instant
    before: dt.timedelta
    after: dt.timedelta
    name: str
    daylight: bool

    @property
    def wall(self) -> dt.datetime:
        """Local time of the change on the clock before it (what DTSTART holds)."""
        return self.utc + self.before

    def rule_key(self) -> tuple:
        """Month, weekday rule and time of day: equal keys in consecutive years make an RRULE."""
        w = self.wall
        last = w.day + 7 > _calendar.monthrange(w.year, w.month)[1]
        nth = -1 if last else (w.day - 1) // 7 + 1
        byday = f"{nth}{_WEEKDAYS[w.weekday()]}"
        return (self.daylight, self.before, self.after, self.name, w.month, byday, w.time())


def _state(zone: ZoneInfo, ts: int) -> tuple[dt.timedelta, dt.timedelta, str]:
    t = dt.datetime.fromtimestamp(ts, zone)
    return t.utcoffset(), t.dst(), t.tzname()


def _changes(zone: ZoneInfo, start_ts: int, end_ts: int) -> list[_Change]:
    """Every change of UTC offset, to the second: a daily scan, then bisection."""
    out = []
    prev_ts, prev = start_ts, _state(zone, start_ts)
    while prev_ts < end_ts:
        ts = min(prev_ts + _DAY, end_ts)
        cur = _state(zone, ts)
        if cur[0] != prev[0]:
            lo, hi = prev_ts, ts
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if _state(zone, mid)[0] == prev[0] else (lo, mid)
            offset, dst, name = _state(zone, hi)
            utc = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=hi)
            out.append(_Change(utc, prev[0], offset, name, bool(dst)))
        prev_ts, prev = ts, cur
    return out


def _observance(change: _Change, rrule: dict | None = None) -> icalendar.cal.Component:
    obs = icalendar.TimezoneDaylight() if change.daylight else icalendar.TimezoneStandard()
    obs.add("dtstart", change.wall)
    if rrule:
        obs.add("rrule", rrule)
    obs.add("tzname", change.name)
    obs.add("tzoffsetfrom", change.before)
    obs.add("tzoffsetto", change.after)
    return obs


@functools.cache
def vtimezone(zone_name: str) -> icalendar.Timezone:
    """The VTIMEZONE of a zone, computed once per build and shared by every calendar."""
    zone = ZoneInfo(zone_name)
    first_offset = dt.datetime(1970, 1, 1, tzinfo=dt.UTC).astimezone(zone).utcoffset()
    start_ts = int((COVERAGE_START - first_offset - dt.datetime(1970, 1, 1)).total_seconds())
    end_ts = _calendar.timegm((SCAN_END_YEAR, 1, 1, 0, 0, 0))
    offset, dst, name = _state(zone, start_ts)
    # the block's coverage starts with the offset in force: an onset without change (FROM = TO)
    start = _Change(COVERAGE_START - offset, offset, offset, name, bool(dst))
    observances = [(COVERAGE_START, _observance(start))]
    runs: list[list[_Change]] = []
    open_runs: dict[tuple, list[_Change]] = {}
    for change in _changes(zone, start_ts, end_ts):
        key = change.rule_key()
        run = open_runs.get(key)
        if run and run[-1].wall.year == change.wall.year - 1:
            run.append(change)
        else:
            open_runs[key] = [change]
            runs.append(open_runs[key])
    for run in runs:
        first, last = run[0], run[-1]
        if len(run) == 1:
            observances.append((first.wall, _observance(first)))
            continue
        rule = {"freq": "yearly", "bymonth": first.wall.month, "byday": first.rule_key()[5]}
        if last.wall.year < SCAN_END_YEAR - 1:
            rule["until"] = last.utc.replace(tzinfo=dt.UTC)  # RFC 5545: UNTIL in UTC here
        observances.append((first.wall, _observance(first, rule)))
    tz = icalendar.Timezone()
    tz.add("tzid", zone_name)
    for _, obs in sorted(observances, key=lambda o: o[0]):
        tz.add_component(obs)
    return tz


def _location(e: Entry) -> str:
    lieu = e.fiche.lieu
    if not lieu:
        return "En ligne" if e.fiche.en_ligne else ""
    return ", ".join(
        x for x in (lieu.nom, lieu.adresse, " ".join(y for y in (lieu.code_postal, lieu.commune) if y)) if x
    )


def vevent(e: Entry, corpus: Corpus, site_url: str, stamp: dt.datetime) -> icalendar.Event:
    f = e.fiche
    ev = icalendar.Event()
    ev.add("uid", f"{e.slug}@ptce.fr")  # from the id only: a corrected date never duplicates the event
    ev.add("dtstamp", stamp)
    # clients that ignore STATUS still show a cancelled or postponed event for what it is
    stopped = f.statut in ("annule", "reporte")
    ev.add("summary", f"{corpus.label('statuts_evenement', f.statut)} : {f.titre}" if stopped else f.titre)
    start = _local(f.debut.date.first_day(), f.debut.time, f.zone)
    ev.add("dtstart", start)
    if f.debut.time:
        end_time = f.fin.time if f.fin and f.fin.time else None
        end_day = f.fin.date.last_day() if f.fin else f.debut.date.first_day()
        if end_time:
            ev.add("dtend", _local(end_day, end_time, f.zone))
    else:
        end_day = (f.fin.date.last_day() if f.fin else f.debut.date.first_day()) + dt.timedelta(days=1)
        ev.add("dtend", end_day)  # all-day events end the day after (RFC 5545)
    ev.add("status", STATUS_ICS.get(f.statut, "CONFIRMED"))
    ev.add("url", page_url(site_url, e))
    if _location(e):
        ev.add("location", _location(e))
    if e.place.has_point:
        ev.add("geo", (e.place.lat, e.place.lon))
    status = shown_status(e, corpus, stamp.date())
    ev.add(
        "description",
        f"{corpus.label('types_evenement', f.type)}. {status}. "
        f"Programme et informations : {page_url(site_url, e)}",
    )
    return ev


def calendar(entries: list[Entry], corpus: Corpus, site_url: str, today: dt.date, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//ptce.fr//Agenda des PTCE//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
    dated = [e for e in entries if in_calendar(e)]
    zones = sorted({e.fiche.zone for e in dated if e.fiche.debut.time or (e.fiche.fin and e.fiche.fin.time)})
    # Components are serialized line by line, each line folded alone: the VTIMEZONE blocks (first, as
    # add_component would place them) and each event (in its own calendar, the agenda's and its region's)
    # are serialized once and put where Calendar.to_ical would write them. An event's lines depend on its
    # record and the vocabularies' labels, which a record outlives (Entry.derived).
    for e in dated:
        if ("vevent", site_url, stamp) not in e.derived:
            e.derived["vevent", site_url, stamp] = vevent(e, corpus, site_url, stamp).to_ical()
    text = cal.to_ical()
    at = text.rindex(b"END:VCALENDAR")
    parts = [_vtimezone_ical(z) for z in zones] + [e.derived["vevent", site_url, stamp] for e in dated]
    return text[:at] + b"".join(parts) + text[at:]


@functools.cache
def _vtimezone_ical(zone: str) -> bytes:
    return vtimezone(zone).to_ical()


def _iso(e: Entry) -> str:
    f = e.fiche
    return (
        _local(f.debut.date.first_day(), f.debut.time, f.zone).isoformat()
        if f.debut.time
        else f.debut.date.iso()
    )


def atom(entries: list[Entry], corpus: Corpus, site_url: str, today: dt.date) -> bytes:
    """Atom feed of events, newest first."""
    base = site_url.rstrip("/")
    items = []
    for e in sorted(entries, key=lambda e: (e.fiche.debut.date.first_day(), e.slug), reverse=True):
        f = e.fiche
        place = _location(e)
        parts = (
            corpus.label("types_evenement", f.type),
            event_when(f.debut, f.fin),
            place,
            shown_status(e, corpus, today),
        )
        updated = min(f.debut.date.first_day(), today)
        items.append(feeds.Item(page_url(site_url, e), f.titre, updated, " — ".join(x for x in parts if x)))
    return feeds.atom(f"{base}/agenda/atom.xml", f"{base}/agenda/", "Agenda des PTCE", items, today)


SCHEMA = "https://schema.org/"


def city(e: Entry) -> str:
    """The commune as people write it: official spelling, but « Paris » for an arrondissement."""
    written = e.fiche.lieu.commune if e.fiche.lieu else None
    derived = e.place.commune.nom if e.place.commune else None
    if derived and not (written and derived.endswith(" Arrondissement")):
        return derived
    return written or ""


def description(e: Entry, corpus: Corpus) -> str:
    """One sentence for the page's description and the structured data."""
    f = e.fiche
    where = city(e)
    when = event_when(f.debut, f.fin)
    when = f"du {when}" if f.debut.date.precision == "jour" else f"en {when}"  # « en juin 2013 »
    return f"{corpus.label('types_evenement', f.type)} {when}" + (f" {at(where)}" if where else "") + "."


def at(commune: str) -> str:
    """« à Caen », « au Kremlin-Bicêtre », « aux Mureaux »: French contracts à + le, à + les."""
    for article, contracted in (("Le ", "au "), ("Les ", "aux ")):
        if commune.startswith(article):
            return contracted + commune[len(article) :]
    return "à " + commune


def _place(e: Entry) -> dict | None:
    """A schema.org Place, only with a postal address that names at least the commune."""
    lieu = e.fiche.lieu
    locality = city(e)
    if not locality:
        return None
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "FR"}
    if lieu.adresse:
        address["streetAddress"] = lieu.adresse
    if lieu.code_postal:
        address["postalCode"] = lieu.code_postal
    if e.place.region:
        address["addressRegion"] = e.place.region
    place = {"@type": "Place", "name": lieu.nom or locality, "address": address}
    if e.place.has_point:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": e.place.lat, "longitude": e.place.lon}
    return place


def json_ld(e: Entry, corpus: Corpus, site_url: str) -> dict | None:
    """schema.org Event for search engines, or None when a required fact is unknown.

    Search engines require a full start date and a location (a Place with its postal address,
    or a VirtualLocation with its URL): a year, a month or a venue without commune gives no block.
    """
    f = e.fiche
    if not in_calendar(e):
        return None
    place = _place(e)
    virtual = {"@type": "VirtualLocation", "url": f.en_ligne.url} if f.en_ligne and f.en_ligne.url else None
    locations = [x for x in (place, virtual) if x]
    if not locations:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f.titre,
        "startDate": _iso(e),
        "eventStatus": SCHEMA + STATUS_SCHEMA.get(f.statut, "EventScheduled"),
        "description": description(e, corpus),
        "url": page_url(site_url, e),
        "location": locations[0] if len(locations) == 1 else locations,
    }
    if f.fin and f.fin.date.precision == "jour":
        data["endDate"] = (
            _local(f.fin.date.last_day(), f.fin.time, f.zone).isoformat() if f.fin.time else f.fin.date.iso()
        )
    # the mode is stated only when the locations given bear it out (mixed needs both)
    mode = {
        (True, True): "MixedEventAttendanceMode",
        (False, True): "OnlineEventAttendanceMode",
        (True, False): "OfflineEventAttendanceMode",
    }.get((bool(f.lieu), bool(f.en_ligne)))
    if mode and (bool(place) == bool(f.lieu)) and (bool(virtual) == bool(f.en_ligne)):
        data["eventAttendanceMode"] = SCHEMA + mode
    if f.organisateurs:
        data["organizer"] = [
            {"@type": "Organization", "name": o.nom, **({"url": o.site_web} if o.site_web else {})}
            for o in f.organisateurs
        ]
    return data


def json_ld_script(data: dict) -> str:
    """Inline <script>: '<' escaped so no value can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{text}</script>'
