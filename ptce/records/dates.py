"""Dates as contributors know them (a year, a month or a day) and the build date."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
# fullmatch and ASCII digits: "$" also matches before a final newline, "\d" also matches "٢" or "２"
_PARTIAL = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MOMENT = re.compile(r"([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)(?:[T ]([0-9]{1,2})[:h]([0-9]{2}))?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day; sorts by its first day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "jour" if self.day else "mois" if self.month else "annee"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def french(self) -> str:
        if self.day and self.month:
            return f"{'1er' if self.day == 1 else self.day} {MOIS[self.month - 1]} {self.year}"
        if self.month:
            return f"{MOIS[self.month - 1]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso()


def parse_partial(text: str) -> PartialDate:
    """Parse AAAA, AAAA-MM or AAAA-MM-JJ; raises ValueError with a French reason."""
    m = _PARTIAL.fullmatch(text.strip())
    if not m:
        raise ValueError('format attendu : "AAAA", "AAAA-MM" ou "AAAA-MM-JJ"')
    year = int(m.group(1))
    month, day = (int(g) if g else None for g in m.groups()[1:])
    if not 1900 <= year <= 2100:
        raise ValueError("année hors de la période 1900-2100")
    if month is not None and not 1 <= month <= 12:
        raise ValueError("mois impossible")
    if day is not None:
        try:
            dt.date(year, month or 0, day)
        except ValueError:
            raise ValueError("date impossible (ce jour n'existe pas)") from None
    return PartialDate(year, month, day)


@dataclass(frozen=True, order=True)
class Moment:
    """An event boundary: a partial date, with a local time when the day is known."""

    date: PartialDate
    time: dt.time | None = None

    def iso(self) -> str:
        return self.date.iso() + (f"T{self.time:%H:%M}" if self.time else "")

    def __str__(self) -> str:
        return self.iso()


def parse_moment(text: str) -> Moment:
    m = _MOMENT.fullmatch(text.strip())
    if not m:
        raise ValueError('format attendu : "AAAA-MM-JJ", "AAAA-MM-JJTHH:MM", "AAAA-MM" ou "AAAA"')
    date = parse_partial(m.group(1))
    if m.group(2) is None:
        return Moment(date)
    if date.day is None:
        raise ValueError("une heure n'a de sens qu'avec un jour précis")
    return Moment(date, parse_time(f"{m.group(2)}:{m.group(3)}"))


def parse_time(text: str) -> dt.time:
    m = re.fullmatch(r"([0-9]{1,2})[:h]([0-9]{2})", text.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise ValueError('heure attendue au format "HH:MM" (entre guillemets)')
    return dt.time(int(m.group(1)), int(m.group(2)))


def hour_fr(t) -> str:
    return f"{t.hour} h {t.minute:02d}"


def event_when(debut: Moment, fin: Moment | None = None) -> str:
    """French date range: « 6 décembre 2012, 9 h 00 – 17 h 00 »."""
    text = debut.date.french()
    if debut.time:
        text += f", {hour_fr(debut.time)}"
    if fin:
        if fin.date == debut.date:
            if fin.time:
                text += f" – {hour_fr(fin.time)}"
        else:
            text += f" – {fin.date.french()}" + (f", {hour_fr(fin.time)}" if fin.time else "")
    return text


def build_date(environ: dict | None = None) -> dt.date:
    """Today, unless SOURCE_DATE_EPOCH fixes it (reproducible builds and tests)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
