"""Which fiches are due for a check: `date_maj` older than a configured age.

The age lives in data/parametres.yml (`fraicheur_mois`) so maintainers change
it without touching code; the build date comes from SOURCE_DATE_EPOCH when set.
"""

from __future__ import annotations

import datetime as dt

DEFAULT_MONTHS = 24


def max_age_months(parametres: dict) -> int:
    value = str(parametres.get("fraicheur_mois", DEFAULT_MONTHS)).strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MONTHS


def _minus_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def is_stale(date_maj, today: dt.date, months: int) -> bool:
    """A fiche checked on its last possible day is still older than the limit."""
    return date_maj.last_day() < _minus_months(today, months)


def stale_entries(entries, today: dt.date, months: int) -> list:
    """Stale fiches, the oldest first."""
    found = [e for e in entries if is_stale(e.fiche.date_maj, today, months)]
    return sorted(found, key=lambda e: (e.fiche.date_maj.first_day(), e.slug))
