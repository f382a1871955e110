"""Property tests per field and per kind: one odd value never crashes anything, and never reaches an output.

For every kind of record (pôle, événement, chapitre, ressource, actualité) and every one of its fields,
Hypothesis puts one value into an otherwise valid real fiche: path-like names (folders of the time-zone
database, ../../etc/passwd), over-long texts, control characters, terminal escapes, non-BMP characters,
noncharacters, « tag » characters, formula starts, markup. Whatever the value:

- load() never raises, and the other records (a witness pole) still load;
- the file gets French errors on a named field, each printable on a terminal (no control character);
- a record that loads holds no character the outputs cannot carry (XML 1.0, CSV, iCalendar), and the
  Atom feeds built from the corpus stay well-formed XML; poles.csv has no cell a spreadsheet would run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import pytest
import yaml
from conftest import FIXTURES, ROOT, examples, make_root
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ptce.records.corpus import load
from ptce.records.kinds import KINDS
from ptce.records.sourcefile import read_file
from ptce.render import agenda, exports, library
from ptce.text.characters import FORBIDDEN, invisible_char

FOLDERS = {
    "pole": "poles",
    "evenement": "events",
    "chapitre": "chapitres",
    "ressource": "ressources",
    "actualite": "actualites",
    "outil": "outils",
}
BASES = {
    "pole": "data/poles/pole-sud-archer.md",
    "evenement": "data/events/2012-12-06-rencontre-regionale-ptce-caen.md",
    "chapitre": "data/chapitres/arts-culture.md",
    "ressource": "data/ressources/cooperer-dans-les-territoires.md",
    "actualite": "data/actualites/2011-02-note-premiers-elements-caracterisant-les-ptce.md",
    "outil": "data/outils/visite-apprenante-culture.md",
}
ODD = [
    "Europe",
    "Europe/",
    "America",
    "../../../../etc/passwd",
    "/etc/passwd",
    "Europe/Paris/../../../etc/passwd",
    "America/" + "A" * 300,
    "A" * 5000,
    "\x1b[2J\x1b[31m",
    "a\rb",
    "\x07",
    "\x85",
    "\u2028",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\U0001fffe",
    "\U0010ffff",
    "\U000e0041",
    "\u3164",
    "\u00ad",
    "\ufe0f",
    "😀",
    "𝔓ôle",
    "=1+1",
    "+33",
    "-2",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "]]>",
    "&#0;",
    "99999999999999999999-01-01",
    "2013-02-30",
    "25:00",
    "nan",
    "1e999",
    "%s%n",
    "{{ 7*7 }}",
]
VALUES = st.one_of(
    st.sampled_from(ODD),
    st.lists(st.sampled_from(ODD), min_size=2, max_size=3).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.lists(st.sampled_from(ODD), min_size=1, max_size=2),
)
CASES = [(kind, name) for kind, model in KINDS.items() for name in model.model_fields]
WITNESS = (ROOT / "tests/hostile/temoins/poles/temoin-pole.md").read_text(encoding="utf-8")


def _base(kind: str) -> tuple[dict, str]:
    src = read_file(FIXTURES.parent / BASES[kind], FIXTURES.parent)
    assert src.data is not None and not src.errors, BASES[kind]
    return src.data, src.body


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return make_root(tmp_path_factory.mktemp("champs"))


def _write(root, kind: str, field_name: str, value) -> str:
    for folder in FOLDERS.values():
        shutil.rmtree(root / "data" / folder, ignore_errors=True)
        (root / "data" / folder).mkdir()
    (root / "data/poles/temoin-pole.md").write_text(WITNESS, encoding="utf-8")
    data, body = _base(kind)
    data = {**data, field_name: value}
    path = f"data/{FOLDERS[kind]}/{BASES[kind].rsplit('/', 1)[1]}"
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, width=10_000) + "---\n\n" + body + "\n"
    (root / path).write_text(text, encoding="utf-8", errors="surrogatepass")
    return path


def _records_text(corpus) -> str:
    return " ".join(
        repr(e.fiche.model_dump())
        for kind in ("poles", "events", "chapters", "resources", "news", "outils")
        for e in getattr(corpus, kind)
    )


def check(root, kind: str, field_name: str, value) -> None:
    path = _write(root, kind, field_name, value)
    corpus = load(root)  # never raises
    assert corpus.pole("temoin-pole") is not None, [str(e) for e in corpus.errors]
    mine = [e for e in corpus.errors if e.path == path]
    for e in mine:
        assert e.field or e.message.startswith(("YAML", "caractère interdit", "…")), e
        assert invisible_char(str(e)) is None, repr(str(e))  # printable on a terminal or a CI log
        assert "Error" not in e.message and "Traceback" not in e.message, e.message
    assert not FORBIDDEN.search(_records_text(corpus).replace("\\n", "").replace("\\t", "")), (
        kind,
        field_name,
    )
    today = dt.date(2026, 12, 1)
    for feed in (
        library.news_feed(corpus, "https://ptce.fr/", today),
        agenda.atom(corpus.events, corpus, "https://ptce.fr/", today),
    ):
        etree.fromstring(feed)  # well-formed XML, whatever the fields held
    rows = list(csv.reader(io.StringIO(exports.poles_csv(corpus, "https://ptce.fr/").decode("utf-8"))))
    numbers = {i for i, c in enumerate(exports.POLE_COLUMNS) if c.type == "number"}
    for row in rows[1:]:
        assert all(i in numbers or not cell.startswith(("=", "+", "-", "@")) for i, cell in enumerate(row)), (
            row
        )


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(CASES), value=VALUES)
def test_odd_values_drawn_at_random(root, case, value):
    check(root, *case, value)


# One of each class, in every field of every kind: no draw can miss a field.
EACH_CLASS = [
    "Europe",
    "../../../../etc/passwd",
    "America/" + "A" * 300,
    "\x1b[2J",
    "\U000e0041 \ufffe",
    "😀 \U0001fffe",
    "=1+1",
    ["\u3164", "-x"],
]


def test_one_value_of_each_class_in_every_field_of_every_kind(root):
    failures = []
    for kind, field_name in CASES:
        for value in EACH_CLASS:
            try:
                check(root, kind, field_name, value)
            except Exception as exc:  # noqa: BLE001 (collected: one report for all fields)
                failures.append(f"{kind}.{field_name} = {value!r}: {type(exc).__name__} {str(exc)[:200]}")
    assert failures == [], "\n".join(failures[:20])


def test_every_field_of_every_kind_is_covered():
    """The strategy draws from every field of every model: a new field is tested the day it is added."""
    assert {kind for kind, _ in CASES} == set(KINDS)
    assert len(CASES) == sum(len(m.model_fields) for m in KINDS.values())
