"""Property-based tests: whatever the front matter and the body, load() answers in French.

Hypothesis writes fiches into a throw-away repository: front matters made of known and
unknown keys mapped to any YAML value (texts with quotes, colons, #, braces, markup, Unicode
and newlines; numbers, dates, booleans, nulls, lists, nested blocks), serialized by
yaml.safe_dump in random styles or written as raw random text, under random Markdown bodies.
Whatever comes in:

- load() never raises;
- every DataError has a path under data/, a line >= 1 and a message; once the front matter
  parses, every error names a field (the file-level ones are the YAML errors);
- every record that loads renders (pole_page / event_page) without raising, and the page
  carries no injected markup: no <script> but the JSON-LD one, no javascript: link, no on*
  attribute, no image from outside data/medias/.

The number of examples run is written to test-output/hypothesis.txt.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from balisage import page_html, unsafe_markup
from conftest import HOSTILE, ROOT, examples, make_root
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce.records.corpus import load
from ptce.records.models import Evenement, Pole
from ptce.records.sourcefile import read_file
from ptce.render import pages
from ptce.text.html import esc
from ptce.text.typography import french

COUNTS: Counter = Counter()
SETTINGS = settings(
    max_examples=examples(600),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

POLE_FILE, EVENT_FILE = "data/poles/fiche.md", "data/events/2013-06-10-fiche.md"
HOSTILE_STRINGS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "&#106;avascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
    "{# x #}",
    '{: onclick="alert(1)" }',
    "<!-- x -->",
    "]]>",
    "</div>",
    "\u202eevil",
    "a\u200bb",
    "\x00",
    "\x85",
    "\ud7ff",
    "\\ud800",
    "\\0",
    "Pоle",
    "2013-02-30",
    "2013-13-01",
    "01400",
    "1400",
    "arts-culture",
    "plan-action-2013",
    "operationnel",
    "2026-11-23",
    "14000",
    "Caen",
    "Trévoux",
    "01600",
    "https://www.exemple.org",
    "www.exemple.org",
    "contact@exemple.org",
    "04 74 08 71 17",
    "Europe/Paris",
    "09:30",
    "25:00",
    "45.94",
    "nan",
    "-1e999",
    "true",
    "~",
    "null",
    "*x",
    "&a",
    "!!binary",
    "- x",
    "? y",
    "'",
    '"',
    ":",
    "#",
    "|",
    ">",
    "@",
    "`",
    "%",
    "---",
    "...",
]
IMAGE_SOURCES = [
    "medias/temoin.png",
    "medias/absente.png",
    "medias/../../etc/passwd",
    "/etc/passwd",
    "https://evil.example/p.png",
    "data:image/png;base64,AAAA",
    "file:///etc/passwd",
    "medias/faux.png",
    "javascript:alert(1)",
    "x",
]


def _known_keys() -> list[str]:
    keys = set()
    for model in (Pole, Evenement):
        keys |= set(model.model_fields)
    return sorted(
        keys
        | {
            "lat",
            "lon",
            "statut",
            "date",
            "source",
            "note",
            "role",
            "debut",
            "fin",
            "titre",
            "url",
            "jour",
            "description",
            "intervenants",
            "obligatoire",
            "render_macros",
            "<<",
        }
    )


texts = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.lists(st.sampled_from(HOSTILE_STRINGS), min_size=1, max_size=4).map(" ".join),
)
scalars = st.one_of(
    texts,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(dt.date(1800, 1, 1), dt.date(2200, 12, 31)),
)
keys = st.one_of(st.sampled_from(_known_keys()), st.text(max_size=12))
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=12,
)

VALID_POLE = {
    "nom": "Pôle propriété",
    "thematiques": ["arts-culture"],
    "code_postal": "01600",
    "commune": "Trévoux",
    "date_maj": "2026-11-23",
    "sources": ["plan-action-2013"],
    "statuts": [{"statut": "operationnel", "date": "2014", "source": "plan-action-2013"}],
}
VALID_EVENT = {
    "titre": "Rencontre propriété",
    "type": "rencontre-regionale",
    "debut": "2013-06-10T09:00",
    "fin": "2013-06-10T17:00",
    "lieu": {"nom": "Abbaye", "code_postal": "14000", "commune": "Caen"},
    "programme": [{"debut": "09:30", "titre": "Ouverture"}],
    "poles": ["fiche"],
    "sources": ["programme-caen-2012"],
}
# Text fields where any text is acceptable: a good place for markup that must come out escaped.
POLE_TEXTS = ["nom", "structure_porteuse", "adresse", "cedex"]
EVENT_TEXTS = ["titre", "public"]


@st.composite
def front_matters(draw, valid: dict, text_fields: list[str]):
    """A mapping: a valid fiche with text fields replaced and keys added, or anything at all."""
    if draw(st.booleans()):
        data = dict(valid)
        for name in draw(st.lists(st.sampled_from(text_fields), max_size=len(text_fields), unique=True)):
            data[name] = draw(texts)
        for key, value in draw(st.dictionaries(keys, values, max_size=3)).items():
            data[key] = value
        return data
    return draw(st.dictionaries(keys, values, max_size=8))


@st.composite
def yaml_texts(draw, data: dict) -> str:
    """data serialized as yaml.safe_dump would, in one of its styles, or random text instead."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=200))
    try:
        return yaml.safe_dump(
            data,
            default_flow_style=draw(st.sampled_from([None, True, False])),
            default_style=draw(st.sampled_from([None, '"', "'"])),
            allow_unicode=draw(st.booleans()),
            width=draw(st.sampled_from([20, 80, 10_000])),
            indent=draw(st.sampled_from([2, 4])),
            sort_keys=draw(st.booleans()),
        )
    except yaml.YAMLError:
        return draw(st.text(max_size=200))


markdown_pieces = st.one_of(
    texts,
    st.builds("## {}".format, texts),
    st.builds("- {}\n- {}".format, texts, texts),
    st.builds("> {}".format, texts),
    st.builds("[{}]({})".format, texts, st.sampled_from(HOSTILE_STRINGS + IMAGE_SOURCES)),
    st.builds("![{}]({})".format, texts, st.sampled_from(IMAGE_SOURCES)),
    st.builds("![a][r]\n\n[r]: {}".format, st.sampled_from(IMAGE_SOURCES)),
    st.builds('<a href="{}" onclick="alert(1)">{}</a>'.format, st.sampled_from(HOSTILE_STRINGS), texts),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<svg onload=alert(1)>",
            "<iframe src=//evil.example></iframe>",
            "<style>*{}</style>",
            "<form><input></form>",
            "```\n<script>alert(1)</script>\n```",
            "| a | b |\n|---|:-:|\n| <b onclick=x> | `c` |",
            "<img src=x onerror=alert(1)>",
            "***",
            "[[[[",
            "<<<<",
        ]
    ),
)
bodies = st.lists(markdown_pieces, max_size=6).map("\n\n".join)


@st.composite
def fiches(draw, valid: dict, text_fields: list[str]) -> str:
    head = draw(yaml_texts(draw(front_matters(valid, text_fields))))
    if draw(st.integers(0, 19)) == 0:  # a broken frame now and then
        return draw(st.sampled_from(["", "---\n", head, "---\n" + head])) + draw(bodies)
    return "---\n" + head + "\n---\n\n" + draw(bodies) + "\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    base = make_root(tmp_path_factory.mktemp("proprietes"))
    shutil.copytree(HOSTILE / "medias", base / "data" / "medias")
    yield base
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    lines = [f"{k}: {v}" for k, v in sorted(COUNTS.items())]
    (out / "hypothesis.txt").write_text(
        "Exemples Hypothesis exécutés (tests/test_proprietes.py)\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )


def check_corpus(root: Path, files: dict[str, str], test: str) -> None:
    """Write the fiches, load, and check every property; files: repository path -> text."""
    for folder in ("poles", "events"):
        for old in (root / "data" / folder).glob("*.md"):
            old.unlink()
    for path, text in files.items():
        (root / path).write_text(text, encoding="utf-8", errors="surrogatepass")
    corpus = load(root)  # must not raise
    COUNTS[f"{test} : exemples"] += 1
    COUNTS["total des exemples"] += 1
    for e in corpus.errors:
        assert e.path.startswith("data/"), e
        assert isinstance(e.line, int) and e.line >= 1, e
        assert e.message.strip(), e
    for path in files:
        parsed = read_file(root / path, root)
        if parsed.data is not None:  # the front matter parsed: every error is about a field
            unnamed = [
                e for e in corpus.errors if e.path == path and not e.field and not e.message.startswith("…")
            ]
            assert unnamed == [], unnamed
    for entry in corpus.poles:
        COUNTS["pages de pôle rendues"] += 1
        assert unsafe_markup(page_html(pages.pole_page(entry, corpus, dt.date(2026, 11, 23)))) == []
    for entry in corpus.events:
        COUNTS["pages d'événement rendues"] += 1
        html = page_html(pages.event_page(entry, corpus))
        assert unsafe_markup(html) == []
        assert html.count("<script") == html.count('<script type="application/ld+json">')
    COUNTS["erreurs vérifiées"] += len(corpus.errors)


@SETTINGS
@given(text=fiches(VALID_POLE, POLE_TEXTS))
def test_any_pole_fiche(root, text):
    check_corpus(root, {POLE_FILE: text}, "pôle")


@SETTINGS
@given(text=fiches(VALID_EVENT, EVENT_TEXTS), pole=st.booleans())
def test_any_event_fiche(root, text, pole):
    witness = (HOSTILE / "temoins/poles/temoin-pole.md").read_text(encoding="utf-8")
    check_corpus(root, {EVENT_FILE: text, **({POLE_FILE: witness} if pole else {})}, "événement")


@SETTINGS
@given(pole=fiches(VALID_POLE, POLE_TEXTS), event=fiches(VALID_EVENT, EVENT_TEXTS))
def test_a_pole_and_an_event_together(root, pole, event):
    check_corpus(root, {POLE_FILE: pole, EVENT_FILE: event}, "pôle et événement")


@settings(max_examples=examples(200), deadline=None)
@given(raw=st.binary(max_size=400))
def test_any_bytes(root, raw):
    """Bytes that are not even text: Latin-1, NUL, invalid UTF-8, lone surrogates, BOM."""
    for folder in ("poles", "events"):
        for old in (root / "data" / folder).glob("*.md"):
            old.unlink()
    (root / POLE_FILE).write_bytes(b'---\nnom: "x"\n' + raw)
    corpus = load(root)
    COUNTS["octets : exemples"] += 1
    COUNTS["total des exemples"] += 1
    assert all(e.path == POLE_FILE and e.line >= 1 and e.message for e in corpus.errors)
    for entry in corpus.poles:
        assert unsafe_markup(page_html(pages.pole_page(entry, corpus, dt.date(2026, 11, 23)))) == []


@settings(max_examples=examples(500), deadline=None)
@given(
    title=st.text(),
    description=st.text(),
    trail=st.lists(st.tuples(st.text(), st.text(min_size=1)), max_size=3),
)
def test_front_matter_reads_back_what_was_written(title, description, trail):
    """Generated pages' front matter is written with libyaml's emitter (PyYAML's wheels carry it): MkDocs
    must read back exactly the title, description and breadcrumb, whatever their characters. (PyYAML's
    pure-Python emitter would not: it writes U+0085 as a line break, read back as a space.)"""
    from ptce.render import blocks

    crumbs = [(label, f"{page}.md", "") for label, page in trail]
    text = blocks.front_matter(title, description, crumbs)
    assert text.startswith("---\n") and text.endswith("\n---\n\n")
    meta = yaml.safe_load(text[4:-6])
    assert meta["title"] == esc(title) and meta["description"] == esc(description)
    assert [label for label, _ in meta.get("fil", [])] == [esc(french(label)) for label, _ in trail]
    assert blocks.SafeDumper is yaml.CSafeDumper


def _fold_one(text: str) -> str:
    """fold() as its docstring defines it, one text at a time: decompose, drop accents, lower-case, keep
    the words, spell out St/Ste."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae"))
    text = "".join(c for c in text.replace("Æ", "ae") if not unicodedata.combining(c)).casefold()
    return " ".join({"st": "saint", "ste": "sainte"}.get(w, w) for w in re.findall(r"[^\W_]+", text))


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.text(), max_size=6))
def test_names_folded_together_match_names_folded_one_by_one(texts):
    """The commune index folds 35,000 names in one pass (characters.fold_many): a name must get the key
    it gets alone, whatever sits next to it (combining marks, newlines, ligatures)."""
    from ptce.text.characters import fold, fold_many

    assert fold_many(texts) == [_fold_one(t) for t in texts]
    assert [fold(t) for t in texts] == [_fold_one(t) for t in texts]
