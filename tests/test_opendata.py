"""Open data and contributor tooling: exports, Table Schema, JSON Schemas, edit links, freshness."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from jsonschema import Draft202012Validator

from ptce.records import freshness
from ptce.records.corpus import load
from ptce.records.dates import parse_partial
from ptce.render import exports, pages, schema

DATA_DIRS = {
    "pole": "poles",
    "evenement": "events",
    "chapitre": "chapitres",
    "ressource": "ressources",
    "actualite": "actualites",
}
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def corpus(real_corpus):
    c = real_corpus
    assert c.errors == []
    return c


@pytest.fixture(scope="module")
def files(corpus):
    return exports.all_files(corpus, "https://ptce.fr/", TODAY)


def front_matter(path: Path):
    """What a YAML-aware editor sees: the front matter parsed as ordinary YAML."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def test_exports_parse_back_with_the_counts_of_the_data(corpus, files):
    poles = json.loads(files["poles.json"])
    assert poles["nombre"] == len(poles["poles"]) == len(corpus.poles)
    assert {p["identifiant"] for p in poles["poles"]} == {e.slug for e in corpus.poles}
    rows = list(csv.DictReader(io.StringIO(files["poles.csv"].decode("utf-8"))))
    assert len(rows) == len(corpus.poles)
    geo = json.loads(files["poles.geojson"])
    assert len(geo["features"]) == sum(1 for e in corpus.poles if e.place.has_point)
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 41 < lat < 52 or lat < 20  # metropolitan France or overseas, never swapped
    events = json.loads(files["evenements.json"])
    assert events["nombre"] == len(events["evenements"]) == len(corpus.events)
    assert poles["date_export"] == TODAY.isoformat() and poles["licence"]["nom"] == "Licence Ouverte 2.0"


def test_postal_codes_keep_their_leading_zero(corpus, files):
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO(files["poles.csv"].decode("utf-8")))}
    with_zero = [e for e in corpus.poles if e.fiche.code_postal and e.fiche.code_postal.startswith("0")]
    assert with_zero, "the real data has poles in departments 01-09"
    for e in with_zero:
        assert rows[e.slug]["code_postal"] == e.fiche.code_postal


def _frictionless_errors(folder: Path, files: dict[str, bytes], csv_text: str | None = None) -> list[str]:
    frictionless = pytest.importorskip("frictionless", reason="frictionless missing (make test installs it)")
    content = csv_text.encode("utf-8") if csv_text is not None else files["poles.csv"]
    (folder / "poles.csv").write_bytes(content)
    schema = frictionless.Schema.from_descriptor(json.loads(files["poles.schema.json"]))
    report = frictionless.Resource(path="poles.csv", basepath=str(folder), schema=schema).validate()
    return [f"{e.type}: {e.note}" for task in report.tasks for e in task.errors]


def test_csv_validates_against_its_table_schema(files, tmp_path):
    assert _frictionless_errors(tmp_path, files) == []
    # The validator rejects what the schema forbids: a postal code without its leading zero,
    # a missing identifier, a latitude that is not a number.
    text = files["poles.csv"].decode("utf-8")
    header, first, rest = text.split("\r\n", 2)
    row = dict(zip(header.split(","), next(csv.reader([first])), strict=True))
    cases = (
        ("code_postal", "1400", "constraint-error"),
        ("identifiant", "", "constraint-error"),
        ("latitude", "nord", "type-error"),
    )
    for column, value, error in cases:
        broken = {**row, column: value}
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(broken.values())
        errors = _frictionless_errors(tmp_path, files, f"{header}\r\n{out.getvalue()}{rest}")
        assert any(e.startswith(error) for e in errors), (column, errors)


@pytest.mark.parametrize("name", sorted(exports.SCHEMAS))
def test_json_exports_validate_against_their_schema(files, name):
    """Each JSON export names its own schema (not the fiches'), and every record passes it."""
    doc = json.loads(files[name])
    kind = exports.SCHEMAS[name]
    assert doc["schema"] == f"https://ptce.fr/schemas/{kind}.json"
    published = json.loads(schema.json_text(kind))
    Draft202012Validator.check_schema(published)
    validator = Draft202012Validator(published, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message[:150]}" for e in validator.iter_errors(doc)]
    assert errors == []


FULL_POLE = """---
nom: "Pôle Complet"
nom_inconnu: false
type: pole-filiere
thematiques: [arts-culture, emploi-insertion]
statuts:
  - statut: en-projet
    date: "2012"
    source: plan-action-2013
    note: "Une précision"
  - statut: operationnel
    date: "2014-03-02"
structure_porteuse: "Association Porteuse"
responsables:
  - nom: "Camille Martin"
    role: "Coordinatrice"
    depuis: "2012-01"
    jusqu_a: "2014"
  - nom: "Dominique Durand"
    telephone: "06 55 66 77 88"
    courriel: "dominique@example.org"
    public: true
adresse: "1 place de la Mairie"
code_postal: "14000"
cedex: "BP 1 – 14001 Caen Cedex"
commune: "Caen"
perimetre: regional
coordonnees: {lat: 49.18, lon: -0.37}
telephone: "02 31 00 00 00"
courriel: "contact@example.org"
site_web: "https://www.example.org"
date_maj: "2026-01-01"
sources: [plan-action-2013]
profils:
  - date: "2024-02-01"
    objectifs: {a: 2}
  - date: "2025-06-15"
    typologie:
      milieu: urbain
      activite: filiere
      forme: lieu-et-reseau
    objectifs: {a: 3, b: 2, c: 4, d: 1, e: 3, f: 2, g: 4, h: 1, i: 3}
    indicateurs: {"01": 4, "02": 3, "03": 2, "04": 1, "05": 2, "06": 3, "07": 4, "08": 1, "09": 2,
      "11": 3, "12": 4, "13": 1, "14": 2, "15": 3, "16": 4, "17": 1, "18": 2, "19": 3}
    note: "Séance du bureau"
---
"""

# The fields a fiche gives only without a postal code.
POLE_WITHOUT_POSTCODE = """---
nom: "Pôle sans code postal"
commune: "Caen"
code_insee: "14118"
departement: "14"
region: "Normandie"
ancienne_region: "Basse-Normandie"
date_maj: "2026-01-01"
---
"""

FULL_EVENT = """---
titre: "Rencontre complète"
type: rencontre-regionale
statut: reporte
debut: "2012-12-06T09:00"
fin: "2012-12-07T17:00"
fuseau: Europe/Paris
lieu:
  nom: "Abbaye-aux-Dames"
  adresse: "Place Reine Mathilde"
  code_postal: "14000"
  commune: "Caen"
  acces: "Bus 2"
  coordonnees: {lat: 49.186, lon: -0.355}
en_ligne:
  description: "Également en visioconférence"
  url: "https://visio.example.org/salle"
organisateurs:
  - nom: "CRESS"
    site_web: "https://cress.example.org"
financeurs:
  - nom: "Ville"
public: "Acteurs de l'ESS"
inscription:
  obligatoire: true
  url: "https://inscription.example.org"
  courriel: "contact@example.org"
  telephone: "02 00 00 00 00"
  date_limite: "2012-11-30"
  modalites: "Gratuit"
programme:
  - jour: "2012-12-07"
    debut: "09:30"
    fin: "10:00"
    titre: "Ouverture"
    type: intervention
    description: "Questions abordées"
    animateurs:
      - nom: "Prénom Nom"
        organisation: "Association"
    intervenants:
      - role: "Socio-économiste"
        organisation: "LISE"
        reserve: sous-reserve
poles: [complet]
documents:
  - titre: "Compte rendu"
    url: "https://docs.example.org/cr.pdf"
    type: "compte rendu"
sources: [programme-caen-2012]
---
"""


def _fields_used(model, data) -> set[str]:
    """Dotted names of the model fields a parsed fiche gives a value to, in nested blocks too."""
    from ptce.records.validation import _model_of

    out = set()
    for name, field in model.model_fields.items():
        values = data.get(name)
        if values in (None, [], {}):
            continue
        out.add(f"{model.__name__}.{name}")
        sub = _model_of(field.annotation)
        for value in values if isinstance(values, list) else [values]:
            if sub and isinstance(value, dict):
                out |= _fields_used(sub, value)
    return out


def _all_fields(model) -> set[str]:
    from ptce.records.validation import _model_of

    out = set()
    for name, field in model.model_fields.items():
        out.add(f"{model.__name__}.{name}")
        sub = _model_of(field.annotation)
        if sub:
            out |= _all_fields(sub)
    return out


def test_exports_of_fiches_using_every_field_validate_against_their_schemas(repo):
    """Whatever a fiche may hold reaches the exports in a shape their schema accepts."""
    from ptce.records.models import Evenement, Pole

    root = repo(
        poles={"complet.md": FULL_POLE, "sans-code.md": POLE_WITHOUT_POSTCODE},
        events={"2012-12-06-complet.md": FULL_EVENT},
    )
    for model, folder in ((Pole, "poles"), (Evenement, "events")):
        paths = (root / "data" / folder).glob("*.md")
        used = set().union(*(_fields_used(model, front_matter(p)) for p in paths))
        assert used == _all_fields(model)  # a new field in the model: give it a value above
    corpus = load(root)
    assert corpus.errors == []
    files = exports.all_files(corpus, "https://ptce.fr/", TODAY)
    for name, kind in exports.SCHEMAS.items():
        validator = Draft202012Validator(
            json.loads(schema.json_text(kind)), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        assert [e.message for e in validator.iter_errors(json.loads(files[name]))] == [], name
    poles = json.loads(files["poles.json"])["poles"]
    # `public` itself is never exported (a private contact is refused: see the next test).
    assert [sorted(p) for p in poles[0]["responsables"]] == [
        ["depuis", "jusqu_a", "nom", "role"],
        ["courriel", "nom", "telephone"],
    ]


def test_export_schemas_are_published_with_the_fiche_schemas():
    assert {"pole", "evenement", *exports.SCHEMAS.values()} <= set(schema.KINDS)


def test_exports_leave_out_contacts_not_marked_public(repo):
    fiche = """---
nom: "Pôle Exemple"
responsables:
  - nom: "Camille Martin"
    telephone: "06 11 22 33 44"
    courriel: "camille.martin@example.org"
  - nom: "Dominique Durand"
    telephone: "06 55 66 77 88"
    courriel: "dominique@example.org"
    public: true
date_maj: "2026-01-01"
---
"""
    corpus = load(repo(poles={"exemple.md": fiche}))
    # The validator refuses such a fiche (tests/test_vie_privee.py); should one be built anyway
    # (make serve does not stop on errors), the exports still leave the private contact out.
    assert [e.field for e in corpus.errors] == ["responsables.1.telephone", "responsables.1.courriel"]
    blob = b"".join(exports.all_files(corpus, "https://ptce.fr/", TODAY).values()).decode("utf-8")
    assert "Camille Martin" in blob  # names and roles are public on the page too
    assert "06 11 22 33 44" not in blob and "camille.martin@example.org" not in blob
    assert "06 55 66 77 88" in blob and "dominique@example.org" in blob


def test_exports_do_not_depend_on_file_order(repo):
    fiches = {f"p{i}.md": f'---\nnom: "Pôle {i}"\ndate_maj: "2026-01-01"\n---\n' for i in range(5)}
    a = exports.all_files(load(repo(poles=fiches)), "https://ptce.fr/", TODAY)
    b = exports.all_files(load(repo(poles=dict(reversed(list(fiches.items()))))), "https://ptce.fr/", TODAY)
    assert a == b


@pytest.mark.parametrize("kind", sorted(DATA_DIRS))
def test_json_schemas_accept_every_committed_file(kind):
    validator = Draft202012Validator(schema.json_schema(kind))
    paths = sorted((ROOT / "data" / DATA_DIRS[kind]).glob("*.md"))
    assert paths
    failures = {p.name: [e.message for e in validator.iter_errors(front_matter(p))] for p in paths}
    assert {k: v for k, v in failures.items() if v} == {}


@pytest.mark.parametrize(
    "change",
    [
        {"code_postal": 1400},  # integer: the leading zero is lost
        {"code_postal": "1400"},
        {"date_maj": 2013},  # unquoted year
        {"site_web": "javascript:alert(1)"},
        {"thematiques": "arts-culture"},  # a string where a list is expected
        {"nomm": "typo"},  # unknown key
        {"responsables": [{"role": "Responsable"}]},  # a person without a name
    ],
)
def test_json_schema_rejects_invalid_pole(change):
    fiche = {"nom": "Pôle Exemple", "date_maj": "2026-01-01", **change}
    assert list(Draft202012Validator(schema.json_schema("pole")).iter_errors(fiche))


def test_templates_point_editors_at_the_published_schema():
    for kind, name in (("pole", "pole.md"), ("evenement", "evenement.md")):
        text = (ROOT / "data/modeles" / name).read_text(encoding="utf-8")
        assert f"# yaml-language-server: $schema=https://ptce.fr/schemas/{kind}.json" in text


def test_donnees_page_and_edit_links_in_the_built_site(built, corpus):
    page = (built / "donnees/index.html").read_text(encoding="utf-8")
    for name in ("poles.json", "poles.csv", "poles.geojson", "evenements.json", "poles.schema.json"):
        assert f'href="{name}"' in page
        assert (built / "donnees" / name).stat().st_size > 100
    assert "Licence Ouverte 2.0" in page and "Date de l'export" in page.replace("\u2019", "'")
    json.loads((built / "donnees/poles.json").read_text(encoding="utf-8"))

    edit = re.compile(r'<a href="([^"]+)" class="md-content__button ptce-modifier"')
    pole = corpus.poles[0]
    found = edit.findall((built / "poles" / pole.slug / "index.html").read_text(encoding="utf-8"))
    assert found == [f"https://github.com/ptce-fr/ptce.fr/edit/main/{pole.path}"]
    chapter = corpus.chapters[0]
    found = edit.findall(
        (built / "boite-a-outils" / chapter.fiche.id / "index.html").read_text(encoding="utf-8")
    )
    assert found == [f"https://github.com/ptce-fr/ptce.fr/edit/main/{chapter.path}"]
    event = corpus.events[0]
    assert edit.findall((built / "agenda" / event.slug / "index.html").read_text(encoding="utf-8")) == [
        f"https://github.com/ptce-fr/ptce.fr/edit/main/{event.path}"
    ]
    # Written pages open their file in docs/; pages computed from many fiches have no edit button.
    assert edit.findall((built / "index.html").read_text(encoding="utf-8")) == [
        "https://github.com/ptce-fr/ptce.fr/edit/main/docs/index.md"
    ]
    assert (
        edit.findall((built / "regions/index.html").read_text(encoding="utf-8")) != []
    )  # docs/regions/index.md
    region = next((built / "regions").glob("*/index.html"))
    assert edit.findall(region.read_text(encoding="utf-8")) == []
    # No request to GitHub's API for stars and forks (Material's source component).
    assert 'data-md-component="source"' not in page


def test_stale_fiche_is_flagged_on_its_page(corpus):
    months = freshness.max_age_months(corpus.parametres)
    entry = corpus.poles[0]
    checked = entry.fiche.date_maj.last_day()
    just_in_time = checked + dt.timedelta(days=30 * months - 31)
    too_late = checked + dt.timedelta(days=31 * months + 1)
    assert "Fiche à actualiser" not in pages.pole_page(entry, corpus, just_in_time)
    assert "Fiche à actualiser" in pages.pole_page(entry, corpus, too_late)


@pytest.mark.parametrize(
    "date_maj, today, stale",
    [
        ("2024-11-23", "2026-11-23", False),  # exactly 24 months
        ("2024-11-22", "2026-11-23", True),
        ("2024-11", "2026-11-23", False),  # a month: its last day counts
        ("2024", "2026-12-31", False),
        ("2024", "2027-01-01", True),
        ("2024-02-29", "2026-02-28", False),  # end of month clamps
    ],
)
def test_freshness_limit(date_maj, today, stale):
    assert freshness.is_stale(parse_partial(date_maj), dt.date.fromisoformat(today), 24) is stale


def test_freshness_age_is_configurable():
    assert freshness.max_age_months({"fraicheur_mois": "12"}) == 12
    assert freshness.max_age_months({"fraicheur_mois": "deux ans"}) == freshness.DEFAULT_MONTHS
    assert freshness.max_age_months({}) == freshness.DEFAULT_MONTHS


def _report(argv, **kwargs):
    import rapport_fraicheur

    out = io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out):
        code = rapport_fraicheur.main(argv, **kwargs)
    return code, out.getvalue()


def test_freshness_report_lists_stale_fiches_and_dead_sites(repo, monkeypatch):
    fiches = {
        "vieux.md": '---\nnom: "Vieux pôle"\nsite_web: "https://mort.example.org"\ndate_maj: '
        '"2019-05-02"\n---\n',
        "frais.md": '---\nnom: "Pôle frais"\nsite_web: "https://vivant.example.org"\ndate_maj: '
        '"2026-10-01"\n---\n',
    }
    root = repo(poles=fiches)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    code, text = _report(
        ["--racine", str(root)],
        is_online=lambda hosts: True,
        checker=lambda url, timeout: "erreur HTTP 404" if "mort" in url else None,
    )
    assert code == 0
    assert "data/poles/vieux.md : Vieux pôle — dernière vérification le 2 mai 2019" in text
    assert "frais.md" not in text.split("Sites web")[0]
    assert "data/poles/vieux.md : https://mort.example.org — erreur HTTP 404" in text
    assert "vivant" not in text
    code, _ = _report(["--racine", str(root), "--strict", "--hors-ligne"])
    assert code == 1


def test_freshness_report_skips_websites_cleanly_offline(repo):
    root = repo(
        poles={"a.md": '---\nnom: "Pôle A"\nsite_web: "https://a.example.org"\ndate_maj: "2026-10-01"\n---\n'}
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/rapport_fraicheur.py"), "--racine", str(root)],
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1795392000", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    # Either the machine is offline (the CI case) or the site really answered: never a crash.
    assert "réseau indisponible" in result.stdout or "Sites web qui ne répondent pas" in result.stdout


@pytest.mark.parametrize("name", ['=HYPERLINK("https://exemple.org","x")', "+33 cmd", "@SUM(A1)", "-2+3"])
def test_names_that_a_spreadsheet_would_run_are_refused(repo, name):
    fiche = f'---\nnom: "{name.replace(chr(34), chr(92) + chr(34))}"\ndate_maj: "2026-01-01"\n---\n'
    corpus = load(repo(poles={"formule.md": fiche}))
    assert [e.field for e in corpus.errors] == ["nom"]
    assert "formule" in corpus.errors[0].message and corpus.poles == []
