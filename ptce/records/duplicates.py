"""When two fiches probably describe the same pole or event: one rule, at two strengths.

The build refuses what ``same_key`` makes equal (same name as a reader sees it, same place; for an event
also the same start), because publishing both would show the reader one pole twice. The tools that create
a fiche (scripts/nouveau_pole.py, the issue-form converter) also warn on what ``probable`` finds (close
names, same commune or same day), and let the contributor go on when it really is another record.
Both compare names through ``name_key``, so a fiche the build would refuse is always flagged first.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from ptce.records.dates import parse_moment
from ptce.records.errors import show
from ptce.records.geo import Geo
from ptce.records.sourcefile import SourceFile
from ptce.text.characters import fold, look_alike_key

# Words that say what a record is rather than which one it is.
_IGNORED = set(
    "l le la les un une des du de d au aux et en pole poles ptce territorial territoriale cooperation "
    "economique".split()
)


def name_key(name: str) -> str:
    """Name folded for comparison: no accents, case, punctuation, articles, « pôle », « PTCE »;
    look-alike letters of other scripts compared as the letters they imitate."""
    words = fold(name).split()
    kept = [w for w in words if w not in _IGNORED]
    return look_alike_key(" ".join(kept or words))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def _close(a: str, b: str, cutoff: float) -> bool:
    ka, kb = set(name_key(a).split()), set(name_key(b).split())
    return similarity(a, b) >= cutoff or bool(ka and kb and (ka <= kb or kb <= ka))


@dataclass(frozen=True)
class Summary:
    """What the duplicate rule needs to know of a fiche."""

    path: str
    slug: str
    name: str | None
    place: str | None = None  # INSEE code of the commune (of a pole, of an event's venue), else a region
    day: dt.date | None = None  # first day of an event
    start: str | None = None  # an event's start as written (day and hour)


def same_key(kind: str, s: Summary) -> tuple | None:
    """Equal for two fiches the build refuses to publish together."""
    if not s.name:
        return None
    if kind == "pole":
        return (name_key(s.name), s.place or "")
    return (name_key(s.name), s.start, s.place or "")


SAME_PLACE = "même nom et même lieu"  # the reason the build refuses; no tool lets a contributor override it


def probable(kind: str, new: Summary, others: list[Summary]) -> list[tuple[Summary, str]]:
    """Fiches that probably describe the same pole or event as ``new``, with the reason in French."""
    found = []
    new_key = same_key(kind, new)
    for o in others:
        reason = None
        if new_key and same_key(kind, o) == new_key:  # first: what the build refuses is never overridden
            reason = f"{SAME_PLACE} ({show(o.name)})"
        elif o.slug == new.slug:
            reason = "même identifiant"
        elif o.name and new.name and name_key(o.name) == name_key(new.name):
            reason = f"même nom ({show(o.name)})"
            if kind == "evenement" and new.day and o.day and o.day.year != new.day.year:
                reason = None  # the same yearly event, another year
        elif o.name and new.name:
            reason = _near(kind, new, o)
        if reason:
            found.append((o, reason))
    return found


def _near(kind: str, new: Summary, o: Summary) -> str | None:
    assert o.name and new.name
    if kind == "pole":
        if similarity(o.name, new.name) >= 0.9:
            return f"nom très proche ({show(o.name)})"
        if new.place and o.place == new.place and _close(o.name, new.name, 0.75):
            return f"même commune et nom proche ({show(o.name)})"
        return None
    if new.day and o.day == new.day and _close(o.name, new.name, 0.75):
        return f"même date et titre proche ({show(o.name)})"
    if new.day and o.day and o.day.year == new.day.year and similarity(o.name, new.name) >= 0.9:
        return f"titre très proche la même année ({show(o.name)})"
    return None


def certain(found: list[tuple[Summary, str]]) -> bool:
    """Whether the build would refuse the new fiche beside one of those found."""
    return any(reason.startswith(SAME_PLACE) for _, reason in found)


def summaries(kind: str, files: list[SourceFile], geo: Geo) -> list[Summary]:
    """Summaries of parsed fiches, even invalid ones: a half-finished fiche is still a duplicate."""
    out = []
    for src in files:
        data = src.data if isinstance(src.data, dict) else {}
        where = data.get("lieu") if kind == "evenement" else data
        where = where if isinstance(where, dict) else {}
        insee = None
        cp, name = where.get("code_postal"), where.get("commune")
        if isinstance(cp, str):
            cands = geo.communes_for_postcode(cp)
            found = (
                geo.find_commune(cp, name)
                if isinstance(name, str)
                else (cands[0] if len(cands) == 1 else None)
            )
            insee = found.insee if found else None
        day = start = None
        if kind == "evenement" and isinstance(data.get("debut"), str):
            try:
                moment = parse_moment(data["debut"])
                day, start = moment.date.first_day(), moment.iso()
            except ValueError:
                pass
        title = data.get("nom" if kind == "pole" else "titre")
        out.append(
            Summary(
                src.path, Path(src.path).stem, title if isinstance(title, str) else None, insee, day, start
            )
        )
    return out
