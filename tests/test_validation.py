"""What a contributor sees when a fiche is wrong: file, line, field, message."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from exemples import VALID

from ptce.records.corpus import load


def pole(**changes: str) -> str:
    """VALID with some lines replaced: {"code_postal": 'code_postal: 1400'}."""
    lines = VALID.split("\n")
    for key, new in changes.items():
        idx = next(i for i, line in enumerate(lines) if line.startswith(key + ":"))
        lines[idx] = new
    return "\n".join(lines)


def errors_of(repo, **files):
    corpus = load(repo(poles={f"{k}.md": v for k, v in files.items()}))
    return corpus, [str(e) for e in corpus.errors]


def test_valid_fiche_has_no_error_and_derived_place(repo):
    corpus, errors = errors_of(repo, exemple=VALID)
    assert errors == []
    entry = corpus.pole("exemple")
    assert entry.place.commune.nom == "Trévoux"
    assert entry.place.departement.code == "01"
    assert entry.place.region == "Auvergne-Rhône-Alpes"
    assert entry.place.ancienne_region == "Rhône-Alpes"
    assert entry.place.coords_from == "commune"
    assert entry.fiche.telephone == "04 74 08 71 17"
    assert entry.fiche.site_web == "https://www.exemple.org"


CASES = [
    # (replacement lines, expected line, field, message fragment)
    (
        {"code_postal": "code_postal: 1400"},
        10,
        "code_postal",
        "« 1400 » n'est pas un code postal (5 chiffres attendus, entre guillemets)",
    ),
    (
        {"adresse": 'adress: "1 rue X"'},
        9,
        "adress",
        "champ inconnu « adress ». Vouliez-vous dire « adresse » ?",
    ),
    ({"nom": 'nomm: "X"'}, 2, "nomm", "Vouliez-vous dire « nom » ?"),
    (
        {"thematiques": "thematiques: [arts-cultur]"},
        3,
        "thematiques.1",
        "« arts-cultur » n'est pas une thématique connue. Vouliez-vous dire « arts-culture » ?",
    ),
    ({"thematiques": "thematiques: arts-culture"}, 3, "thematiques", "liste attendue, reçu « arts-culture »"),
    ({"date_maj": 'date_maj: "2013-02-30"'}, 14, "date_maj", "date impossible"),
    ({"telephone": 'telephone: "12 34"'}, 12, "telephone", "n'est pas un numéro de téléphone français"),
    ({"site_web": 'site_web: "javascript:alert(1)"'}, 13, "site_web", "doit commencer par https://"),
    ({"site_web": 'site_web: "data:text/html,<script>"'}, 13, "site_web", "doit commencer par https://"),
    (
        {"structure_porteuse": 'courriel: "pas-une-adresse"'},
        8,
        "courriel",
        "n'est pas une adresse électronique",
    ),
    ({"commune": 'commune: "Caen"'}, 11, "commune", "« Caen » ne correspond pas au code postal 01600"),
    (
        {"sources": "sources: [plan-2013]"},
        15,
        "sources.1",
        "« plan-2013 » n'est pas un document de data/sources.yml. Vouliez-vous dire « plan-action-2013 » ?",
    ),
    (
        {"adresse": "coordonnees: {lat: 2.37, lon: 48.87}"},
        9,
        "coordonnees",
        "latitude et longitude semblent inversées",
    ),
    ({"adresse": "coordonnees: {lat: 48.87, lon: 2.37}"}, 9, "coordonnees", "km de Trévoux (plus de 30 km)"),
    ({"adresse": "coordonnees: {lat: 40.7, lon: -74.0}"}, 9, "coordonnees", "hors de France"),
    ({"nom": 'nom: "Pôle\u202e exemple"'}, 2, "nom", "caractère de contrôle"),
    (
        {"date_maj": 'date_maj: "2026-11-23"\nnom: "Autre"'},
        15,
        "nom",
        "champ écrit deux fois (déjà à la ligne 2)",
    ),
    (
        {
            "statuts": 'statuts:\n  - statut: operationnel\n    date: "2014"\n  - statut: en-projet\n    '
            'date: "2013"\n  - statut: candidat-appel-2012'
        },
        8,
        "statuts.2.date",
        "ordre chronologique",
    ),
]


@pytest.mark.parametrize("changes, line, field, fragment", CASES, ids=[c[2] + ":" + c[3][:25] for c in CASES])
def test_each_error_names_file_line_field_and_fix(repo, changes, line, field, fragment):
    corpus, _ = errors_of(repo, exemple=pole(**changes))
    matching = [e for e in corpus.errors if e.field == field]
    assert matching, [str(e) for e in corpus.errors]
    error = matching[0]
    assert error.path == "data/poles/exemple.md"
    assert error.line == line
    assert fragment in error.message
    assert str(error).startswith(f"data/poles/exemple.md:{line}: {field}: ")


def test_missing_required_field(repo):
    corpus, errors = errors_of(repo, exemple=pole(nom="# pas de nom"))
    assert "data/poles/exemple.md:1: nom: champ obligatoire manquant" in errors


@pytest.mark.parametrize(
    "text, fragment",
    [
        ('nom: "x"\n', "la fiche doit commencer par une ligne « --- »"),
        ('---\nnom: "x"\n', "en-tête non fermé"),
        ('---\nnom: "x"\n\tdate_maj: "2020"\n---\n', "YAML invalide : tabulation interdite"),
        ("---\nnom: x: y\n---\n", "YAML invalide : deux-points inattendu"),
        ("---\na: &x [1]\nb: *x\n---\n", "alias YAML"),
        ('---\nnom: !!python/object/apply:os.system ["echo pwned"]\n---\n', "balise YAML"),
        ("", "la fiche doit commencer"),
    ],
)
def test_broken_files_report_instead_of_crashing(repo, text, fragment):
    corpus, errors = errors_of(repo, casse=text)
    assert any(fragment in e for e in errors), errors
    assert all(e.startswith("data/poles/casse.md:") for e in errors)


def test_latin1_file_is_reported(repo):
    root = repo(poles={})
    (root / "data/poles/latin.md").write_bytes(VALID.replace("Trévoux", "Tr\xe9voux").encode("latin-1"))
    errors = [str(e) for e in load(root).errors]
    # the first byte that is not UTF-8 is the "ô" of "Pôle", line 2
    assert any("n'est pas en UTF-8" in e and e.startswith("data/poles/latin.md:2:") for e in errors), errors


def test_bom_and_crlf_are_accepted(repo):
    corpus, errors = errors_of(repo, exemple="\ufeff" + VALID.replace("\n", "\r\n"))
    assert errors == []
    assert corpus.pole("exemple").fiche.nom == "Pôle exemple"


def test_invalid_file_name_and_reserved_name(repo):
    _, errors = errors_of(repo, **{"Pôle Exemple": VALID, "index": VALID.replace("Pôle exemple", "Autre")})
    assert any("nom de fichier « Pôle Exemple.md » invalide" in e for e in errors), errors
    assert any("« index.md » est réservé" in e for e in errors), errors


def test_likely_duplicate_is_reported(repo):
    _, errors = errors_of(repo, un=VALID, deux=VALID.replace("Pôle exemple", "POLE EXEMPLE"))
    assert any(
        e.startswith("data/poles/un.md:1: nom: doublon probable de data/poles/deux.md")
        or e.startswith("data/poles/deux.md:1: nom: doublon probable de data/poles/un.md")
        for e in errors
    ), errors


def test_several_communes_for_one_postcode_asks_which(repo):
    text = VALID.replace('commune: "Trévoux"\n', "")
    text = text.replace('code_postal: "01600"', 'code_postal: "01400"')
    _, errors = errors_of(repo, exemple=text)
    assert any(
        "plusieurs communes ont le code postal 01400 : ajoutez le champ commune" in e for e in errors
    ), errors


def test_region_without_postcode_and_misspelling(repo):
    base = VALID.replace('code_postal: "01600"\ncommune: "Trévoux"\n', "").replace(
        'adresse: "178 chemin d\'Arras"\n', ""
    )
    corpus, errors = errors_of(
        repo,
        ok=base.replace("telephone:", 'ancienne_region: "Auvergne"\ntelephone:'),
        faute=base.replace("Pôle exemple", "Autre").replace(
            "telephone:", 'ancienne_region: "Ile de France"\ntelephone:'
        ),
    )
    assert corpus.pole("ok").place.region == "Auvergne-Rhône-Alpes"
    assert any("data/poles/faute.md" in e and "écrivez « Île-de-France »" in e for e in errors), errors


EVENT = """---
titre: "Rencontre"
type: rencontre-regionale
debut: "2012-12-06T09:00"
fin: "2012-12-06T17:00"
lieu:
  nom: "Abbaye-aux-Dames"
  code_postal: "14000"
  commune: "Caen"
programme:
  - debut: "09:30"
    fin: "10:00"
    titre: "Ouverture"
    type: intervention
    intervenants:
      - nom: "Laurent Fraisse"
poles: [exemple]
sources: [programme-caen-2012]
---
"""


def event_errors(repo, text):
    corpus = load(repo(poles={"exemple.md": VALID}, events={"2012-12-06-rencontre.md": text}))
    return corpus, [str(e) for e in corpus.errors]


def test_valid_event(repo):
    corpus, errors = event_errors(repo, EVENT)
    assert errors == []
    ev = corpus.event("2012-12-06-rencontre")
    assert ev.place.commune.nom == "Caen" and ev.fiche.zone == "Europe/Paris"


@pytest.mark.parametrize(
    "old, new, line, field, fragment",
    [
        ('fin: "2012-12-06T17:00"', 'fin: "2012-12-05"', 5, "fin", "la fin (2012-12-05) précède le début"),
        ('fin: "2012-12-06T17:00"', 'fin: "2012-12-06T08:00"', 5, "fin", "précède le début"),
        (
            "poles: [exemple]",
            "poles: [exempel]",
            17,
            "poles.1",
            "aucune fiche data/poles/exempel.md. Vouliez-vous dire « exemple » ?",
        ),
        (
            '  - debut: "09:30"',
            '  - jour: "2012-12-07"\n    debut: "09:30"',
            11,
            "programme.1.jour",
            "session hors des dates de l'événement",
        ),
        (
            '    fin: "10:00"',
            '    fin: "09:00"',
            12,
            "programme.1.fin",
            "la session finit (09:00) avant de commencer (09:30)",
        ),
        ('    fin: "10:00"', '    fin: "25:00"', 12, "programme.1.fin", "heure attendue au format"),
        (
            '  code_postal: "14000"\n  commune: "Caen"',
            '  code_postal: "97100"\n  commune: "Basse-Terre"',
            1,
            "fuseau",
            "précisez le fuseau",
        ),
        (
            "type: rencontre-regionale",
            "type: rencontre-regionale\nfuseau: Paris",
            4,
            "fuseau",
            "n'est pas un fuseau horaire IANA",
        ),
        (
            '      - nom: "Laurent Fraisse"',
            "      - reserve: sous-reserve",
            16,
            "programme.1.intervenants.1",
            "indiquez au moins un nom, une fonction ou une organisation",
        ),
    ],
)
def test_event_errors(repo, old, new, line, field, fragment):
    assert old in EVENT
    corpus, errors = event_errors(repo, EVENT.replace(old, new))
    matching = [e for e in corpus.errors if e.field == field]
    assert matching, errors
    assert matching[0].line == line and fragment in matching[0].message, errors


def test_unquoted_times_and_postcodes_keep_their_meaning(repo):
    """YAML 1.1 would read 9:30 as 570 and 01600 as 1600; our reader keeps the text."""
    text = EVENT.replace('debut: "09:30"', "debut: 9:30").replace('fin: "10:00"', "fin: 10:00")
    corpus, errors = event_errors(repo, text)
    assert errors == []
    session = corpus.event("2012-12-06-rencontre").fiche.programme[0]
    assert (session.debut.hour, session.debut.minute, session.fin.hour) == (9, 30, 10)
    corpus, errors = errors_of(repo, exemple=VALID.replace('"01600"', "01600"))
    assert errors == [] and corpus.pole("exemple").fiche.code_postal == "01600"


def test_all_errors_of_all_files_in_one_pass_and_exit_status(repo):
    root = repo(
        poles={
            "a.md": pole(code_postal="code_postal: 1400"),
            "b.md": pole(nom='nom: "B"', site_web='site_web: "javascript:x"', telephone='telephone: "1"'),
        }
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--racine", str(root)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("data/poles/a.md:10: code_postal:") for line in lines)
    assert any(line.startswith("data/poles/b.md:13: site_web:") for line in lines)
    assert any(line.startswith("data/poles/b.md:12: telephone:") for line in lines)
    assert "Traceback" not in result.stderr
    assert "3 erreurs dans 2 fichiers" in result.stderr


def test_github_annotations_format(repo):
    root = repo(poles={"a.md": pole(code_postal="code_postal: 1400")})
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--racine", str(root), "--github"],
        capture_output=True,
        text=True,
    )
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    # GitHub's syntax: ::error file={name},line={line},title={title}::{message};
    # properties are free of ',' and ':'
    match = re.fullmatch(r"::error file=([^,:]+),line=(\d+),title=([^,:]+)::(.+)", annotations[0])
    assert match, annotations
    assert match.groups()[:3] == ("data/poles/a.md", "10", "Champ code_postal")
    assert match.group(4).startswith("code_postal: « 1400 » n'est pas un code postal")


def test_annotation_escapes_reserved_characters():
    from ptce.records.errors import DataError

    line = DataError("data/poles/a,b.md", 3, "nom", "ligne 1\nligne 2 : 100 %").github_annotation()
    assert line == "::error file=data/poles/a%2Cb.md,line=3,title=Champ nom::nom: ligne 1%0Aligne 2 : 100 %25"


@pytest.mark.parametrize("kind", ["pole", "evenement", "chapitre", "ressource", "actualite"])
def test_field_reference_names_the_type_of_every_field(kind):
    """A contributor reads the reference to know what to write: a required date must say « date », a
    vocabulary key « identifiant », never the placeholder « valeur »."""
    from ptce.render.schema import field_reference

    rows = [line.split(" | ") for line in field_reference(kind).splitlines() if line.startswith("| <code>")]
    assert rows
    assert not [r[0] for r in rows if r[2] == "valeur"]
    dates = {"pole": "date\\_maj", "evenement": "debut", "chapitre": "date", "ressource": "date"}
    if kind in dates:
        row = next(r for r in rows if r[0] == f"| <code>{dates[kind]}</code>")
        assert row[2].startswith("date")
