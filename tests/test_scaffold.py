"""scripts/nouveau_pole.py and scripts/nouvel_evenement.py: a new fiche that validates, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys

import nouveau_pole
import nouvel_evenement  # noqa: F401 (the event script imports and shares the driver)
import pytest
from conftest import ROOT, fixture_data

from ptce.authoring import canonical, scaffold
from ptce.records import duplicates
from ptce.records.corpus import load
from ptce.records.geo import Geo

EPOCH = "1767225600"  # 2026-01-01


@pytest.fixture
def root(tmp_path, monkeypatch):
    """The fixtures' small repository (tests/donnees/: « Pôle Sud Archer » among a few fiches)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return fixture_data(tmp_path)


def run(kind, root, *args, answers=None):
    """Run a script in-process; answers feed input() (interactive mode)."""
    feed = iter(answers or [])
    prompts = []

    def ask(prompt):
        prompts.append(prompt)
        try:
            value = next(feed)
        except StopIteration:
            raise EOFError from None
        if isinstance(value, BaseException):
            raise value
        return value

    out, err = io.StringIO(), io.StringIO()
    argv = ["--racine", str(root), *args] + ([] if answers is not None else ["--non-interactif"])
    status = nouveau_pole.run(kind, argv, ask=ask, out=out, err=err)
    return status, out.getvalue(), err.getvalue(), prompts


def errors_for(root, rel):
    return [str(e) for e in load(root).errors if e.path == rel]


def test_non_interactive_pole_validates_and_gets_its_place(root):
    status, out, err, _ = run(
        "pole",
        root,
        "--nom",
        "Atelier des Pentes",
        "--code-postal",
        "69001",
        "--type",
        "pole-filiere",
        "--thematiques",
        "arts-culture, emploi-insertion",
        "--structure-porteuse",
        "Association des Pentes",
        "--site-web",
        "www.pentes.org",
        "--source",
        "plan-action-2013",
    )
    assert status == 0, err
    rel = "data/poles/atelier-des-pentes.md"
    text = (root / rel).read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "---"
    assert lines[1] == "# yaml-language-server: $schema=https://ptce.fr/schemas/pole.json"
    assert "https://ptce.fr/contribuer/champs/" in text
    assert 'commune: "Lyon 1er Arrondissement"' in text and 'code_postal: "69001"' in text
    assert 'date_maj: "2026-01-01"' in text
    assert 'site_web: "https://www.pentes.org"' in text
    assert "thematiques: [arts-culture, emploi-insertion]" in text
    assert "avec vos propres mots" in text and "Citez vos sources" in text
    # derived, never written: the build finds them from the postal code
    assert "region" not in text.split("\n---\n")[0].replace("yaml-language-server", "")
    corpus = load(root)
    assert [str(e) for e in corpus.errors] == []
    entry = corpus.pole("atelier-des-pentes")
    assert entry.place.commune.nom == "Lyon 1er Arrondissement"
    assert entry.place.departement.code == "69"
    assert entry.place.region == "Auvergne-Rhône-Alpes" and entry.place.ancienne_region == "Rhône-Alpes"
    assert entry.place.coords_from == "commune"
    # already canonical: the formatter would not touch it
    assert canonical.format_text(text, "pole") == text
    assert "Elle est valide" in out and "python scripts/validate.py" in out
    assert "make serve" in out and "http://127.0.0.1:8000/poles/atelier-des-pentes/" in out
    assert "pull request" in out and "CONTRIBUTING.md" in out


def test_ambiguous_postcode_requires_commune(root):
    status, out, err, _ = run("pole", root, "--nom", "Coopérative du Renon", "--code-postal", "01400")
    assert status == 2
    assert "plusieurs communes ont le code postal 01400" in err and "--commune" in err
    for name in ("Châtillon-sur-Chalaronne", "Saint-Georges-sur-Renon", "Sandrans"):
        assert name in err
    assert "Traceback" not in err
    assert not (root / "data/poles/cooperative-du-renon.md").exists()

    status, out, err, _ = run(
        "pole",
        root,
        "--nom",
        "Coopérative du Renon",
        "--code-postal",
        "01400",
        "--commune",
        "st georges sur renon",
    )
    assert status == 0, err
    assert 'commune: "Saint-Georges-sur-Renon"' in (root / "data/poles/cooperative-du-renon.md").read_text()


def test_unknown_postcode_and_bad_values_are_refused(root):
    status, _, err, _ = run(
        "pole", root, "--nom", "X", "--code-postal", "00000", "--type", "pole", "--site-web", "ftp://x"
    )
    assert status == 2
    assert "--code-postal : code postal « 00000 » inconnu" in err
    assert "--type : « pole » n'est pas un type de pôle connu" in err
    assert "--site-web : « ftp://x » n'est pas une adresse web acceptée" in err
    assert list((root / "data/poles").glob("x*.md")) == []


def test_duplicate_name_refused_then_forced(root):
    # « Pôle Sud Archer » exists in data/poles/pole-sud-archer.md
    args = ("--nom", "PTCE SUD ARCHÉR", "--code-postal", "26100")
    status, _, err, _ = run("pole", root, *args)
    assert status == 1
    assert "data/poles/pole-sud-archer.md" in err and "refuserait" in err
    assert not (root / "data/poles/ptce-sud-archer.md").exists()

    # Same name, same commune: the build would refuse it, so --forcer does not override it either.
    status, _, err, _ = run("pole", root, *args, "--forcer")
    assert status == 1 and "même nom et même lieu" in err and "--forcer" not in err
    assert not (root / "data/poles/ptce-sud-archer.md").exists()

    # Same name in another commune: probably the same pole, but the contributor may know better.
    args = ("--nom", "PTCE SUD ARCHÉR", "--code-postal", "75011")
    status, _, err, _ = run("pole", root, *args)
    assert status == 1
    assert "data/poles/pole-sud-archer.md" in err and "--forcer" in err
    status, out, err, _ = run("pole", root, *args, "--forcer")
    assert status == 0, err
    assert (root / "data/poles/ptce-sud-archer.md").exists()
    assert "Fiche créée : data/poles/ptce-sud-archer.md" in out


def test_same_slug_never_overwrites(root):
    before = (root / "data/poles/pole-sud-archer.md").read_bytes()
    status, _, err, _ = run("pole", root, "--nom", "Pôle Sud-Archer", "--code-postal", "75011")
    assert status == 1 and "data/poles/pole-sud-archer.md" in err and "même identifiant" in err
    status, out, _, _ = run("pole", root, "--nom", "Pôle Sud-Archer", "--code-postal", "75011", "--forcer")
    assert (root / "data/poles/pole-sud-archer.md").read_bytes() == before
    assert (root / "data/poles/pole-sud-archer-2.md").exists()
    status, _, err, _ = run(
        "pole",
        root,
        "--nom",
        "Autre chose",
        "--code-postal",
        "75011",
        "--identifiant",
        "pole-sud-archer",
        "--forcer",
    )
    assert status == 1 and "existe déjà" in err
    assert (root / "data/poles/pole-sud-archer.md").read_bytes() == before


def test_name_normalisation_and_similarity():
    assert duplicates.name_key("Le Pôle Territorial de Coopération Économique « Sud-Archer »") == "sud archer"
    assert duplicates.name_key("PTCE SUD ARCHÉR") == "sud archer"
    assert duplicates.name_key("Le Pôle") == "le pole"  # nothing left: keep the words
    others = [duplicates.Summary("data/poles/les-ecosolies.md", "les-ecosolies", "Les Écosolies", "44109")]

    def found(slug, name, insee=None):
        return duplicates.probable("pole", duplicates.Summary("", slug, name, insee), others)

    assert found("ecosolie", "Ecosolie")  # ratio ≥ 0.9
    assert found("ecosolies-nantes", "Écosolies Nantes", insee="44109")
    assert not found("ecosolies-nantes", "Écosolies Nantes", insee="75111")
    assert not found("autre", "Pôle textile", insee="44109")


def test_what_the_build_refuses_the_scaffold_flags_first():
    """One rule: a fiche the build would refuse as a duplicate is never written silently by the tools."""
    kept = duplicates.Summary("data/poles/a.md", "a", "Pôle Sud Archer", "26281")
    for name in ("PTCE « Sud-Archer »", "Le Pôle Sud Archer", "SUD ARCHÉR"):
        new = duplicates.Summary("", "b", name, "26281")
        assert duplicates.same_key("pole", new) == duplicates.same_key("pole", kept)
        assert duplicates.probable("pole", new, [kept])


def test_missing_essentials_exit_2_naming_each_flag(root):
    status, out, err, _ = run("pole", root, "--type", "pole-filiere")
    assert status == 2
    assert "Informations obligatoires manquantes" in err
    assert "--nom" in err and "--code-postal" in err and "--type" not in err.split("manquantes")[1]
    status, out, err, _ = run("evenement", root, "--titre", "Rencontre")
    assert status == 2 and "--type" in err and "--debut" in err and "--titre" not in err
    assert "Traceback" not in err


def test_interactive_pole_reasks_until_valid(root):
    answers = [
        "",
        "Coopérative des Saveurs",  # empty name: asked again
        "1400",
        "01400",  # 4 digits refused
        "99",
        "2",  # commune: out of range, then Châtillon-sur-Chalaronne
        "zz",
        "2",  # type: unknown, then n° 2 = pole-filiere
        "6, energie",  # thematiques by number and key
        "",  # structure porteuse skipped
        "pas une adresse",
        "",  # site web refused, then skipped
        "1",
    ]  # source n° 1
    status, out, err, prompts = run("pole", root, answers=answers)
    assert status == 0, err + out
    assert "réponse obligatoire" in out
    assert "« 1400 » n'est pas un code postal" in out
    assert "Plusieurs communes ont le code postal 01400" in out and "Sandrans" in out
    assert "« zz » n'est pas un type de pôle connu" in out
    assert "pole-filiere" in out and "Pôle filière" in out  # choices with their labels
    assert "n'est pas une adresse web acceptée" in out
    text = (root / "data/poles/cooperative-des-saveurs.md").read_text()
    assert 'commune: "Châtillon-sur-Chalaronne"' in text
    assert "type: pole-filiere" in text
    assert "thematiques: [alimentation-agriculture, energie]" in text
    assert "sources: [plan-action-2013]" in text and "site_web" not in text
    assert errors_for(root, "data/poles/cooperative-des-saveurs.md") == []


def test_interactive_duplicate_asks_for_confirmation(root):
    status, out, err, _ = run(
        "pole",
        root,
        "--nom",
        "Pôle Sud Archér",
        "--code-postal",
        "26100",
        "--identifiant",
        "archer-bis",
        answers=["", "", "", "", "", "n"],
    )
    assert status == 1 and "data/poles/pole-sud-archer.md" in out
    assert not (root / "data/poles/archer-bis.md").exists()


@pytest.mark.parametrize(
    "interrupt, code, message",
    [(KeyboardInterrupt(), 130, "Interrompu"), (EOFError(), 2, "Fin de la saisie")],
)
def test_interrupt_is_clean(root, interrupt, code, message):
    status, out, err, _ = run("pole", root, answers=["Pôle Nouveau", interrupt])
    assert status == code and message in err and "aucune fiche n'a été écrite" in err
    assert not (root / "data/poles/pole-nouveau.md").exists()


def test_event_scaffold_validates(root):
    status, out, err, _ = run(
        "evenement",
        root,
        "--titre",
        "Rencontre des PTCE de Guadeloupe",
        "--type",
        "rencontre-regionale",
        "--debut",
        "2026-03-12 9h30",
        "--fin",
        "2026-03-12T17:00",
        "--lieu",
        "Salle des fêtes",
        "--code-postal",
        "97100",
        "--organisateur",
        "CRESS Guadeloupe ; Région Guadeloupe",
        "--poles",
        "pole-sud-archer",
        "--source",
        "plan-action-2013",
    )
    assert status == 0, err
    rel = "data/events/2026-03-12-rencontre-des-ptce-de-guadeloupe.md"
    text = (root / rel).read_text()
    assert text.split("\n")[1] == "# yaml-language-server: $schema=https://ptce.fr/schemas/evenement.json"
    assert 'debut: "2026-03-12T09:30"' in text
    assert "fuseau: America/Guadeloupe" in text  # overseas with hours: required, derived
    assert '  commune: "Basse-Terre"' in text
    assert '  - nom: "Région Guadeloupe"' in text
    assert "http://127.0.0.1:8000/agenda/2026-03-12-rencontre-des-ptce-de-guadeloupe/" in out
    corpus = load(root)
    assert [str(e) for e in corpus.errors] == []
    assert corpus.event("2026-03-12-rencontre-des-ptce-de-guadeloupe").place.region == "Guadeloupe"
    assert canonical.format_text(text, "evenement") == text


def test_event_checks_dates_and_pole_ids(root):
    status, _, err, _ = run(
        "evenement",
        root,
        "--titre",
        "Séminaire",
        "--type",
        "seminaire",
        "--debut",
        "2026-03-12",
        "--fin",
        "2026-03-11",
        "--poles",
        "pole-sud-arche",
    )
    assert status == 2
    assert "--fin : la fin (2026-03-11) précède le début (2026-03-12)" in err
    assert "Vouliez-vous dire « pole-sud-archer » ?" in err


def test_event_duplicate_same_day(root):
    status, _, err, _ = run(
        "evenement",
        root,
        "--titre",
        "Rencontre régionale PTCE Caen",
        "--type",
        "rencontre-regionale",
        "--debut",
        "2012-12-06",
    )
    assert status == 1
    assert "data/events/2012-12-06-rencontre-regionale-ptce-caen.md" in err


def test_interactive_event(root):
    answers = [
        "Webinaire des pôles",
        "webinaire",
        "2026-13-01",
        "2026-02-03T14:00",
        "2026-02-03T13:00",
        "2026-02-03T16:00",
        "",
        "",
        "",
        "",
        "https://visio.exemple.org/ptce",
        "",
        "",
        "",
    ]
    status, out, err, _ = run("evenement", root, answers=answers)
    assert status == 0, err + out
    assert "mois impossible" in out and "précède le début" in out
    text = (root / "data/events/2026-02-03-webinaire-des-poles.md").read_text()
    assert 'en_ligne:\n  url: "https://visio.exemple.org/ptce"' in text and "lieu" not in text


def test_cli_has_french_help_and_no_traceback(root):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/nouveau_pole.py"), "--aide"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "utilisation :" in result.stdout and "--non-interactif" in result.stdout
    assert "ne pose aucune question" in result.stdout
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/nouvel_evenement.py"),
            "--racine",
            str(root),
            "--non-interactif",
            "--inconnue",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "option inconnue : --inconnue" in result.stderr
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/nouveau_pole.py"), "--racine", str(root), "--non-interactif"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "--nom" in result.stderr and "Traceback" not in result.stderr


def test_find_commune_messages():
    geo = Geo.load(ROOT / "data" / "geo")
    assert scaffold.find_commune(geo, "14000").nom == "Caen"
    with pytest.raises(scaffold.AmbiguousCommune) as exc:
        scaffold.find_commune(geo, "01400")
    assert len(exc.value.candidates) > 1 and "--commune" in str(exc.value)
    with pytest.raises(scaffold.AmbiguousCommune, match="ne correspond pas au code postal 14000"):
        scaffold.find_commune(geo, "14000", "Bayeux")


@pytest.mark.build
def test_scaffolded_fiche_builds_and_reaches_the_exports(tmp_path):
    """The contributor's whole path: scaffold, strict build, page with its edit link, open data."""
    import json

    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "projet")
    status, out, err, _ = run(
        "pole",
        project,
        "--nom",
        "Pôle des Essais Croisés",
        "--code-postal",
        "14000",
        "--thematiques",
        "arts-culture",
        "--source",
        "plan-action-2013",
    )
    assert status == 0, err
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (project / "site/poles/pole-des-essais-croises/index.html").read_text(encoding="utf-8")
    assert "Pôle des Essais Croisés" in html and "Caen" in html
    assert "edit/main/data/poles/pole-des-essais-croises.md" in html
    poles = json.loads((project / "site/donnees/poles.json").read_text(encoding="utf-8"))["poles"]
    mine = [p for p in poles if p["identifiant"] == "pole-des-essais-croises"]
    assert mine and mine[0]["commune"] == "Caen" and mine[0]["region"] == "Normandie"
    assert "pole-des-essais-croises" in (project / "site/donnees/poles.csv").read_text(encoding="utf-8")


def test_same_name_and_place_is_never_forced_even_with_the_same_identifier(root):
    """« Pôle Sud-Archer » again at Romans: the same identifier, but above all what the build refuses."""
    status, _, err, _ = run("pole", root, "--nom", "Pôle Sud-Archer", "--code-postal", "26100", "--forcer")
    assert status == 1 and "même nom et même lieu" in err
    assert not (root / "data/poles/pole-sud-archer-2.md").exists()
