"""Published profiles (issue 19): a profile pasted into a fiche validates, shows on the fiche with its
history, reaches the exports and their schemas; bad input gets a French message with its line; the
comparison page's averages are the profiles' own, computed here without the renderer."""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from collections import defaultdict

import lxml.html
import pytest
from jsonschema import Draft202012Validator

from ptce.records.corpus import load
from ptce.records.models import REFERENTIEL
from ptce.render import exports, pages, profiles, schema
from ptce.render import referentiel as referentiel_pages

EPOCH_2026 = "1767225600"  # 1 January 2026: the build date of these tests
HEAD = """---
nom: "Pôle Exemple"
type: pole-filiere
code_postal: "14000"
commune: "Caen"
date_maj: "2025-12-01"
"""
EARLIER = """profils:
  - date: "2024-03-01"
    objectifs: {a: 1, b: 2}
"""


@pytest.fixture(autouse=True)
def build_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)


def fiche(profils: str) -> str:
    return HEAD + profils + "---\n\nUn pôle fictif.\n"


def pasted(block: str) -> str:
    """The block the tool prints, added after an earlier profile (it starts with « profils: »)."""
    return EARLIER + block.split("\n", 1)[1]


def test_the_documented_block_validates_and_shows_on_the_fiche(repo):
    block = referentiel_pages.example_profile(REFERENTIEL, "2025-06-15")
    corpus = load(repo(poles={"exemple.md": fiche(pasted(block))}))
    assert [str(e) for e in corpus.errors] == []
    entry = corpus.pole("exemple")
    latest = entry.fiche.profils[-1]
    assert latest.date.iso() == "2025-06-15" and latest.note == "Séance du bureau"
    assert len(latest.niveaux_objectifs) == 9 and len(latest.niveaux_indicateurs) == 18

    page = pages.pole_page(entry, corpus)
    assert "## Profil sur le référentiel d'action" in page
    assert "daté du **15 juin 2025**" in page
    assert "proposé" in page or "que propose le site" in page
    assert "Typologie déclarée : pôle urbain, filière de production, lieu commun." in page
    assert 'role="img"' in page  # the chart, with the table after it
    levels = re.findall(r"\| \[([a-i])\\?\. .*?\]\(.*?\) \| (\d) — ", page)  # "a." needs no escape
    assert dict(levels) == {k: str(v) for k, v in latest.niveaux_objectifs.items()}
    history = page.split("### Profils antérieurs", 1)[1]
    assert "| Objectif principal | 1er mars 2024 |" in history
    assert re.search(r"\| a\. Développer l'ancrage territorial[^|]*\| 1 \|", history)
    assert re.search(r"\| c\. Tenir compte[^|]*\| — \|", history)  # not evaluated then


def test_the_json_file_pasted_after_a_dash_is_read_the_same(repo):
    """The tool's JSON file is one profile with the model's fields: JSON is YAML, it pastes as an item."""
    profile = {
        "date": "2025-06-15",
        "typologie": {"milieu": "rural", "forme": "reseau-territorial"},
        "objectifs": {"a": 4, "c": 2},
        "indicateurs": {"01": 3, "19": 1},
        "note": 'Atelier "bilan" du 15 juin',
    }
    text = EARLIER + "  - " + json.dumps(profile, ensure_ascii=False, indent=2) + "\n"
    corpus = load(repo(poles={"exemple.md": fiche(text)}))
    assert [str(e) for e in corpus.errors] == []
    latest = corpus.pole("exemple").fiche.profils[-1]
    assert latest.niveaux_objectifs == profile["objectifs"]
    assert latest.niveaux_indicateurs == profile["indicateurs"]
    assert latest.note == profile["note"]


def test_profiles_reach_the_exports_and_their_schemas(repo):
    block = referentiel_pages.example_profile(REFERENTIEL, "2025-06-15")
    other = fiche("").replace("Pôle Exemple", "Autre pôle")
    corpus = load(repo(poles={"exemple.md": fiche(pasted(block)), "autre.md": other}))
    assert corpus.errors == []
    files = exports.all_files(corpus, "https://ptce.fr/", corpus.pole("exemple").fiche.date_maj.first_day())

    poles = json.loads(files["poles.json"])
    Draft202012Validator(schema.json_schema("export-pole")).validate(poles)
    record = next(p for p in poles["poles"] if p["identifiant"] == "exemple")
    assert [p["date"] for p in record["profils"]] == ["2024-03-01", "2025-06-15"]
    assert record["profils"][0]["objectifs"] == {"a": 1, "b": 2}
    assert (
        record["profils"][1]["indicateurs"]["01"]
        == corpus.pole("exemple").fiche.profils[-1].indicateurs.model_dump()["01"]
    )
    assert record["profil_date"] == "2025-06-15" and record["profil_milieu"] == "urbain"
    other = next(p for p in poles["poles"] if p["identifiant"] == "autre")
    assert "profils" not in other and "profil_a" not in other

    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO(files["poles.csv"].decode("utf-8")))}
    latest = corpus.pole("exemple").fiche.profils[-1].niveaux_objectifs
    assert {k: rows["exemple"][f"profil_{k}"] for k in "abcdefghi"} == {k: str(v) for k, v in latest.items()}
    assert rows["autre"]["profil_date"] == "" and rows["autre"]["profil_a"] == ""
    table = json.loads(files["poles.schema.json"])
    assert {"profil_date", "profil_forme", "profil_i"} <= {f["name"] for f in table["fields"]}

    geo = json.loads(files["poles.geojson"])
    Draft202012Validator(schema.json_schema("export-pole-geojson")).validate(geo)
    feature = next(f for f in geo["features"] if f["id"] == "exemple")
    assert feature["properties"]["profil_g"] == latest["g"]

    page = exports.data_page(corpus, files, corpus.pole("exemple").fiche.date_maj.first_day())
    assert "| <code>profil\\_a</code> | nombre entier | Niveau du dernier profil sur l'objectif a" in page


def test_the_fiche_schema_and_field_reference_describe_profiles():
    pole = schema.json_schema("pole")
    validator = Draft202012Validator(pole)
    good = {"nom": "P", "date_maj": "2026-01-01", "profils": [{"date": "2025-01-01", "objectifs": {"a": 3}}]}
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {"date": "2025-01-01", "objectifs": {"j": 3}},
        {"date": "2025-01-01", "objectifs": {"a": 5}},
        {"date": "2025-01-01", "indicateurs": {"10": 2}},
        {"date": "2025-01-01", "typologie": {"milieu": "lunaire"}},
    ):
        assert list(validator.iter_errors({**good, "profils": [bad]})), bad
    reference = schema.field_reference("pole")
    assert "`profils`" in reference or "<code>profils</code>" in reference
    for block in ("Profil", "Typologie", "ObjectifsProfil", "IndicateursProfil"):
        assert f"Bloc « {block} »" in reference
    assert "Mettre en œuvre une gouvernance citoyenne" in reference


BAD = [
    (
        "    objectifs: {a: 3, j: 2}\n",
        "profils.2.objectifs.j",
        "champ inconnu « j »",
        "a, b, c, d, e, f, g, h, i",
    ),
    ('    indicateurs: {"10": 2}\n', "profils.2.indicateurs.10", "champ inconnu « 10 »", "09, 11"),
    ("    objectifs: {a: 7}\n", "profils.2.objectifs.a", "« 7 » n'est pas un niveau de l'échelle", "de 1"),
    ("    objectifs: {a: trois}\n", "profils.2.objectifs.a", "« trois » n'est pas un niveau", "non évalué"),
    (
        "    typologie: {milieu: lunaire}\n    objectifs: {a: 2}\n",
        "profils.2.typologie.milieu",
        "« lunaire » n'est pas une valeur de l'axe « Milieu »",
        "urbain (pôle urbain)",
    ),
    ('    note: "rien"\n', "profils.2", "profil sans aucun niveau", "au moins un objectif"),
]


@pytest.mark.parametrize("lines, field, message, hint", BAD, ids=[b[1] + "-" + b[2][:12] for b in BAD])
def test_bad_profiles_get_a_french_message_on_their_line(repo, lines, field, message, hint):
    text = fiche(EARLIER + '  - date: "2025-06-15"\n' + lines)
    errors = load(repo(poles={"exemple.md": text})).errors
    found = [e for e in errors if e.field == field]
    assert found, [str(e) for e in errors]
    assert message in found[0].message and hint in found[0].message
    assert found[0].line == text.split("\n").index('  - date: "2025-06-15"') + 1 + (
        0 if field == "profils.2" else 1
    )


def test_a_future_date_and_a_wrong_order_are_refused(repo, monkeypatch):
    text = fiche(
        EARLIER
        + '  - date: "2026-01-02"\n    objectifs: {a: 3}\n  - date: "2023-05-05"\n    objectifs: {a: 2}\n'
    )
    errors = {e.field: e.message for e in load(repo(poles={"exemple.md": text})).errors}
    assert "date dans le futur (2026-01-02)" in errors["profils.2.date"]
    assert "au plus tard aujourd'hui (2026-01-01)" in errors["profils.2.date"]
    assert "ordre chronologique (2023-05-05 est avant 2026-01-02)" in errors["profils.3.date"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # a day later, the same profile is accepted
    errors = {e.field: e.message for e in load(repo(poles={"exemple.md": text})).errors}
    assert "profils.2.date" not in errors


# --------------------------------------------------------------------------- comparison

PROFILED = {
    # name: (type, postal code, profiles as YAML lines): levels chosen by hand for the averages below
    "un.md": (
        "pole-filiere",
        "14000",
        '  - date: "2020-01-01"\n    objectifs: {a: 4}\n  - date: "2024-01-01"\n'
        "    typologie: {milieu: urbain}\n    objectifs: {a: 1, b: 2}\n",
    ),
    "deux.md": (
        "pole-filiere",
        "75011",
        '  - date: "2023-05-01"\n    typologie: {milieu: rural}\n    objectifs: {a: 2, b: 4, c: 3}\n',
    ),
    "trois.md": (
        "reseau",
        "14000",
        '  - date: "2022-02-02"\n    objectifs: {a: 4}\n    indicateurs: {"01": 2}\n',
    ),
    "quatre.md": ("reseau", "75011", ""),  # no profile: counted nowhere
}


def _fiche(kind: str, postcode: str, profils: str) -> str:
    return (
        f'---\nnom: "Pôle {postcode} {kind} {len(profils)}"\ntype: {kind}\ncode_postal: "{postcode}"\n'
        f'date_maj: "2025-12-01"\n' + (f"profils:\n{profils}" if profils else "") + "---\n"
    )


def table_figures(html: str, table_id: str) -> dict[tuple[str, str], tuple[float, int]]:
    """(row, column) -> (mean, count) as a reader sees them: « 2,5 (2) »."""
    table = lxml.html.fromstring(html).get_element_by_id(table_id)
    columns = [th.text_content().strip() for th in table.xpath("./thead/tr/th")]
    out = {}
    for row in table.xpath("./tbody/tr"):
        name = row.xpath("./th")[0].text_content().strip()
        for column, td in zip(columns[1:], row.xpath("./td"), strict=True):
            m = re.fullmatch(r"(\d+),(\d) \((\d+)\)", td.text_content().strip())
            if m:
                out[(name, column)] = (float(f"{m[1]}.{m[2]}"), int(m[3]))
            elif column == "Pôles":
                out[(name, column)] = (float(td.text_content()), int(td.text_content()))
    return out


def test_comparison_on_a_hand_made_corpus(repo):
    """By hand: latest profiles are un (a 1, b 2), deux (a 2, b 4, c 3), trois (a 4)."""
    corpus = load(repo(poles={name: _fiche(*spec) for name, spec in PROFILED.items()}))
    assert corpus.errors == []
    html = profiles.comparison(corpus, "boite-a-outils/profils/index.md")
    whole = table_figures(html, "profils-ensemble")
    assert whole[("Tous les pôles", "Pôles")][1] == 3
    assert whole[("Tous les pôles", "a")] == (2.3, 3)  # (1 + 2 + 4) / 3
    assert whole[("Tous les pôles", "b")] == (3.0, 2)
    assert whole[("Tous les pôles", "c")] == (3.0, 1)
    by_type = table_figures(html, "profils-formes")
    assert by_type[("Pôle filière", "a")] == (1.5, 2) and by_type[("Réseau", "a")] == (4.0, 1)
    by_region = table_figures(html, "profils-regions")
    assert by_region[("Normandie", "a")] == (2.5, 2) and by_region[("Île-de-France", "b")] == (4.0, 1)
    milieu = table_figures(html, "profils-typologie-milieu")
    assert milieu[("pôle urbain", "a")] == (1.0, 1) and milieu[("Sans réponse", "a")] == (4.0, 1)
    indicators = lxml.html.fromstring(html).get_element_by_id("profils-indicateurs").text_content()
    assert "2,0 (1)" in indicators
    side = lxml.html.fromstring(html).get_element_by_id("profils-poles")
    assert len(side.xpath("./tbody/tr")) == 3


def test_comparison_without_profiles_says_so_and_links_the_tool(repo):
    corpus = load(repo(poles={"quatre.md": _fiche(*PROFILED["quatre.md"])}))
    text = profiles.comparison(corpus, "boite-a-outils/profils/index.md")
    assert "Aucun profil publié pour l'instant" in text
    assert "](../autopositionnement/index.md)" in text and "<table" not in text


def _independent(corpus) -> dict[str, dict[str, list[int]]]:
    """Group → objective → levels of each pole's latest profile, read from the fiches' own data (the
    comparison's helpers are not used): by form of cooperation and by region."""
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for e in corpus.poles:
        if not e.fiche.profils:
            continue
        latest = max(e.fiche.profils, key=lambda p: p.date.first_day())
        levels = {k: v for k, v in dict(latest.objectifs or {}).items() if v is not None}
        for group in ("Tous les pôles", f"forme:{e.fiche.type}", f"region:{e.place.region}"):
            for letter, value in levels.items():
                out[group][letter].append(value)
    return out


@pytest.mark.donnees  # the synthetic corpus is made from the real data/ (vocabularies, geodata)
def test_comparison_at_a_thousand_synthetic_poles(tmp_path):
    import shutil
    import time

    import synthetique
    from conftest import ROOT

    root = tmp_path / "projet"
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("geo"))
    (root / "data" / "geo").symlink_to(ROOT / "data" / "geo")
    synthetique.generate(root, 1000, 0, seed=0)
    corpus = load(root)
    assert corpus.errors == []
    start = time.perf_counter()
    html = profiles.comparison(corpus, "boite-a-outils/profils/index.md")
    took = time.perf_counter() - start
    published = sum(1 for e in corpus.poles if e.fiche.profils)
    print(
        f"/boite-a-outils/profils/ : {published} profils sur {len(corpus.poles)} pôles, "
        f"{len(html.encode()) // 1024} Ko, {took:.2f} s"
    )
    assert 300 < published < 500  # about two poles in five
    expected = _independent(corpus)

    def check(table_id: str, label_of) -> None:
        figures = table_figures(html, table_id)
        rows = {row for row, _ in figures}
        for row in rows:
            levels = expected[label_of(row)]
            for o in REFERENTIEL.objectifs:
                values = levels.get(o.lettre, [])
                if values:
                    mean, count = figures[(row, o.lettre)]
                    assert count == len(values), (table_id, row, o.lettre)
                    assert abs(mean - statistics.fmean(values)) <= 0.05 + 1e-9, (table_id, row, o.lettre)
                else:
                    assert (row, o.lettre) not in figures

    check("profils-ensemble", lambda row: row)
    types = {corpus.label("types", k): k for k in corpus.vocabulaires["types"]}
    check("profils-formes", lambda row: f"forme:{types.get(row)}")
    check("profils-regions", lambda row: f"region:{None if row == 'Région non renseignée' else row}")
    assert len(lxml.html.fromstring(html).get_element_by_id("profils-poles").xpath("./tbody/tr")) == published
    assert len(html.encode()) < 600_000 and took < 5


def test_the_tools_block_is_already_in_the_canonical_layout():
    """`make format` leaves a fiche holding the block as the tool writes it: nothing to reformat."""
    from ptce.authoring import canonical

    text = fiche(referentiel_pages.example_profile(REFERENTIEL, "2025-06-15"))
    assert canonical.format_text(text, "pole") == text


@pytest.mark.donnees  # reads data/modeles/pole.md
def test_the_template_shows_the_exact_block(repo):
    from conftest import ROOT

    template = (ROOT / "data/modeles/pole.md").read_text(encoding="utf-8")
    start = template.index("# profils:\n")
    lines = []
    for line in template[start:].split("\n"):
        if not line.startswith("# ") or (lines and not line.startswith("#   ")):
            break
        lines.append(line[2:])
    block = "\n".join(lines) + "\n"
    date = re.search(r'date: "([0-9-]+)"', block)[1]
    assert block == referentiel_pages.example_profile(REFERENTIEL, date)
    assert load(repo(poles={"exemple.md": fiche(block)})).errors == []
