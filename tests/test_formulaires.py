"""Issue forms → fiche (ptce/authoring/forms.py), on the exact Markdown GitHub writes for the forms.

The fixtures in tests/formulaires/ are issue bodies as GitHub writes them: `### Label` headings in form
order, `_No response_` for an empty answer, `- [X]` / `- [ ]` checkbox lists, CRLF line ends. They are
read against the small fixtures repository (tests/donnees/: « Pôle Sud Archer » and « Les Écosolies »).
"""

from __future__ import annotations

import re
from pathlib import Path

import ecrire_formulaires
import pytest
import yaml
from conftest import ROOT, examples, fixture_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce.authoring import drafting, forms, replies
from ptce.authoring.formspec import FORMS
from ptce.records.corpus import load
from ptce.records.sourcefile import parse_text

BODIES = Path(__file__).parent / "formulaires"
YAML_KEYS = re.compile(
    r"\b(code_postal|site_web|date_maj|structure_porteuse|responsables\.\d|statuts\.\d|lieu\.)"
)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return fixture_data(tmp_path_factory.mktemp("depot"))


@pytest.fixture(scope="module")
def repo(root) -> drafting.Repository:
    return drafting.load_repository(root)


def body(name: str) -> str:
    return (BODIES / name).read_bytes().decode("utf-8")


def convert(name: str, repo, text: str | None = None) -> forms.Outcome:
    return forms.convert(name.split("-")[0], body(name) if text is None else text, repo)


def labels_of(problems: list[str]) -> list[str]:
    return [re.match(r"« ([^»]+) »", p).group(1) for p in problems]


def errors_once_written(root: Path, outcome: forms.Outcome, tmp_path: Path) -> list[str]:
    """What the project's validator says of the written file, in a copy of the fixtures repository."""
    copy = fixture_data(tmp_path / "copie")
    (copy / outcome.path).write_text(outcome.text, encoding="utf-8")
    return [str(e) for e in load(copy).errors]


# --------------------------------------------------------------------------- the forms themselves


def test_committed_forms_are_the_generated_ones():
    assert ecrire_formulaires.main(["--verifier"]) == 0, "run: python scripts/ecrire_formulaires.py"


def test_the_check_fails_when_a_form_was_edited_by_hand(tmp_path, capsys):
    (tmp_path / ".github" / "ISSUE_TEMPLATE").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "vocabulaires.yml").write_bytes((ROOT / "data" / "vocabulaires.yml").read_bytes())
    assert ecrire_formulaires.main(["--racine", str(tmp_path)]) == 0
    assert ecrire_formulaires.main(["--racine", str(tmp_path), "--verifier"]) == 0
    form = tmp_path / ".github" / "ISSUE_TEMPLATE" / "proposer-un-pole.yml"
    form.write_text(form.read_text(encoding="utf-8").replace("Code postal", "CP"), encoding="utf-8")
    assert ecrire_formulaires.main(["--racine", str(tmp_path), "--verifier"]) == 1
    assert "proposer-un-pole.yml" in capsys.readouterr().err


def test_a_new_vocabulary_value_reaches_the_dropdown(tmp_path):
    """The dropdowns are the vocabularies: a value added to data/vocabulaires.yml needs a regeneration."""
    (tmp_path / "data").mkdir()
    vocab = (ROOT / "data" / "vocabulaires.yml").read_text(encoding="utf-8")
    vocab = vocab.replace("thematiques:\n", "thematiques:\n  tourisme:\n    libelle: Tourisme solidaire\n", 1)
    (tmp_path / "data" / "vocabulaires.yml").write_text(vocab, encoding="utf-8")
    form = ecrire_formulaires.expected(tmp_path)[tmp_path / ".github/ISSUE_TEMPLATE/proposer-un-pole.yml"]
    themes = next(i for i in yaml.safe_load(form)["body"] if i.get("id") == "thematiques")
    assert themes["attributes"]["options"][0] == "Tourisme solidaire"


def test_long_texts_read_back_exactly():
    """Wrapped labels and options (folded YAML) read back as one line: the bot matches them."""
    for path in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        if path.name == "config.yml":
            continue
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["body"]:
            for option in item["attributes"].get("options", []):
                text = option["label"] if isinstance(option, dict) else option
                assert "\n" not in text and "  " not in text and text == text.strip(), (path.name, text)


# --------------------------------------------------------------------------- a new pole


def test_valid_pole_becomes_a_fiche_that_the_validator_accepts(repo, root, tmp_path):
    outcome = convert("pole-valide.md", repo)
    assert outcome.problems == []
    assert outcome.path == "data/poles/atelier-des-pentes.md" and outcome.created
    assert errors_once_written(root, outcome, tmp_path) == []
    data = parse_text(outcome.text, outcome.path).data
    assert data["nom"] == "Atelier des Pentes"
    assert data["type"] == "pole-filiere"  # the dropdown's French label, written as its key
    assert data["thematiques"] == ["arts-culture", "emploi-insertion"]  # a label holding « , »
    assert data["code_postal"] == "69001" and data["commune"] == "Lyon 1er Arrondissement"  # derived
    assert data["site_web"] == "https://www.pentes.example.org"
    assert data["statuts"] == [
        {"statut": "en-projet", "date": "2024", "source": "plan-action-2013"},
        {"statut": "operationnel", "date": "2025-09"},
    ]
    marie, paul = data["responsables"]
    assert marie == {
        "nom": "Marie Exemple",
        "role": "Coordinatrice",
        "depuis": "2024-01",
        "telephone": "04 75 02 07 00",
        "public": "true",  # her phone was given with the consent box ticked
    }
    assert paul == {"nom": "Paul Exemple", "role": "Trésorier"}
    assert data["sources"] == ["plan-action-2013"]
    assert "region" not in data and "coordonnees" not in data  # the build derives them
    assert outcome.text.split("\n---\n", 1)[1] == (
        "\nL'Atelier des Pentes réunit des **associations** du quartier des Pentes.\n\n"
        "Il mutualise un atelier de réparation.\n"
    )
    assert any("Rapport d'activité 2025" in note for note in outcome.notes)  # a source to describe


def test_windows_line_ends_change_nothing(repo):
    crlf = body("pole-valide.md")
    assert "\r\n" in crlf
    assert (
        convert("pole-valide.md", repo, crlf.replace("\r\n", "\n")).text
        == convert("pole-valide.md", repo).text
    )


def test_invalid_pole_one_line_per_problem_naming_the_form_field(repo):
    outcome = convert("pole-invalide.md", repo)
    assert outcome.path is None and outcome.text is None
    assert labels_of(outcome.problems) == [
        "Forme de coopération",
        "Statuts successifs",
        "Personnes responsables ou contacts",
        "Code postal",
        "Site web",
        "Date de vérification",
        "Accords",
    ]
    for problem in outcome.problems:
        assert "\n" not in problem and not YAML_KEYS.search(problem), problem
        assert "entre guillemets" not in problem  # YAML advice means nothing in a form
    text = "\n".join(outcome.problems)
    assert "Vouliez-vous dire « Pôle filière »" in text
    assert "« 6900 »" in text and "« ftp://pentes.example.org »" in text
    assert "ordre chronologique" in text  # between two answers: still reported with the others
    assert "sans son accord" in text and "Coordonnées personnelles" in text


def test_the_whole_issue_too_long_is_one_problem(repo):
    valid = body("pole-valide.md")
    huge = valid.replace("Il mutualise un atelier de réparation.", "x" * 1_048_576)
    outcome = convert("pole-valide.md", repo, huge)
    assert len(outcome.problems) == 1 and "trop long" in outcome.problems[0] and outcome.text is None


def test_an_answer_too_long_is_refused(repo):
    outcome = convert(
        "pole-valide.md",
        repo,
        body("pole-valide.md").replace("\r\nAssociation des Pentes\r\n", "\r\n" + "a" * 5000 + "\r\n"),
    )
    assert labels_of(outcome.problems) == ["Structure porteuse"] and "5000 caractères" in outcome.problems[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pole-hostile-jinja.md", {"Nom du pôle": "accolades", "Présentation": "{%"}),
        (
            "pole-hostile-html.md",
            {"Nom du pôle": "<b>", "Structure porteuse": "<script>", "Présentation": "<img"},
        ),
        ("pole-hostile-yaml.md", {"Structure porteuse": "!binary", "Adresse": "!!python/object"}),
        (
            "pole-hostile-invisible.md",
            {"Nom du pôle": "U+202E", "Commune": "U+0000 (caractère NUL)", "Site web": "U+200B"},
        ),
    ],
)
def test_hostile_answers_get_a_french_problem_and_write_nothing(repo, name, expected):
    outcome = convert(name, repo)
    assert outcome.text is None and outcome.path is None
    assert labels_of(outcome.problems) == list(expected)
    for problem, needle in zip(outcome.problems, expected.values(), strict=True):
        assert needle in problem and "\n" not in problem and "\x00" not in problem


def test_odd_but_harmless_text_is_written_quoted_and_reads_back(repo, root, tmp_path):
    """What is only text (quotes, « : », « # », a leading « * »…) is kept, double-quoted by canonical."""
    name = 'Atelier « L\'Union » : #1, 100 % "coop" & *étoile* \\ fin'
    text = body("pole-valide.md").replace("Atelier des Pentes\r\n", name + "\r\n", 1)
    outcome = convert("pole-valide.md", repo, text)
    assert outcome.problems == []
    assert parse_text(outcome.text, outcome.path).data["nom"] == name
    assert 'nom: "Atelier « L\'Union » : #1, 100 % \\"coop\\" & *étoile* \\\\ fin"' in outcome.text
    assert errors_once_written(root, outcome, tmp_path) == []


def test_headings_removed_by_hand_are_reported(repo):
    text = body("pole-valide.md").replace("### Code postal\r\n", "")
    outcome = convert("pole-valide.md", repo, text)
    assert labels_of(outcome.problems)[0] == "Code postal" and "rubrique absente" in outcome.problems[0]


@settings(
    max_examples=examples(150), suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    kind=st.sampled_from(list(FORMS)),
    noise=st.lists(
        st.text(max_size=40) | st.sampled_from(["### Nom du pôle", "_No response_", "- [X] "]), max_size=8
    ),
)
def test_any_body_gives_problems_or_a_fiche_never_a_crash(repo, kind, noise):
    outcome = forms.convert(kind, "\n\n".join(noise), repo)
    assert outcome.problems or outcome.text or outcome.manual
    assert all("\n" not in p for p in outcome.problems)


# --------------------------------------------------------------------------- duplicates


def test_a_duplicate_the_build_would_refuse_cannot_be_confirmed(repo):
    outcome = convert("pole-doublon-certain.md", repo)
    assert labels_of(outcome.problems) == ["Nom du pôle"]
    assert "https://ptce.fr/poles/pole-sud-archer/" in outcome.problems[0]
    assert "Doublon" not in outcome.problems[0] and "Proposer une correction" in outcome.problems[0]


def test_a_probable_duplicate_asks_for_the_confirmation_box(repo):
    outcome = convert("pole-doublon-probable.md", repo)
    assert labels_of(outcome.problems) == ["Nom du pôle"]
    assert "probablement" in outcome.problems[0] and "« Doublon »" in outcome.problems[0]


def test_a_confirmed_other_pole_gets_a_free_name_and_a_note(repo, root, tmp_path):
    outcome = convert("pole-doublon-confirme.md", repo)
    assert outcome.problems == []
    assert outcome.path == "data/poles/pole-sud-archer-2.md"  # never over the existing fiche
    assert any("data/poles/pole-sud-archer.md" in note for note in outcome.notes)
    assert errors_once_written(root, outcome, tmp_path) == []


# --------------------------------------------------------------------------- a new event


def test_valid_event(repo, root, tmp_path):
    outcome = convert("evenement-valide.md", repo)
    assert outcome.problems == []
    assert outcome.path == "data/events/2026-03-12-rencontre-regionale-des-ptce-de-normandie.md"
    assert errors_once_written(root, outcome, tmp_path) == []
    data = parse_text(outcome.text, outcome.path).data
    assert data["type"] == "rencontre-regionale" and data["statut"] == "programme"
    assert data["lieu"] == {
        "nom": "Abbaye-aux-Dames",
        "adresse": "Place Reine Mathilde",
        "code_postal": "14000",
        "commune": "Caen",
    }
    assert data["inscription"] == {"obligatoire": "true", "courriel": "contact@cress.example.org"}
    assert data["programme"][0] == {"debut": "09:30", "fin": "10:00", "titre": "Accueil"}
    assert data["poles"] == ["pole-sud-archer", "les-ecosolies"]  # a page's address or a name
    assert data["organisateurs"] == [{"nom": "CRESS Normandie", "site_web": "https://www.cress.example.org"}]
    assert "en_ligne" not in data  # no empty block for unanswered questions


def test_invalid_event_reports_problems_between_answers(repo):
    outcome = convert("evenement-invalide.md", repo)
    assert labels_of(outcome.problems) == ["Fin", "Programme", "Programme", "Pôles concernés"]
    assert "précède le début" in outcome.problems[0]
    assert outcome.problems[2].startswith("« Programme », ligne 1 : Fin :")


def test_overseas_event_gets_its_time_zone(repo):
    text = body("evenement-valide.md").replace("\r\n14000\r\n", "\r\n97110\r\n")
    outcome = convert("evenement-valide.md", repo, text)
    assert outcome.problems == []
    data = parse_text(outcome.text, outcome.path).data
    assert data["fuseau"] == "America/Guadeloupe" and data["lieu"]["commune"] == "Pointe-à-Pitre"


# --------------------------------------------------------------------------- a correction


def test_correction_patches_only_the_given_fields_and_keeps_comments(repo, root, tmp_path):
    outcome = convert("correction-valide.md", repo)
    assert outcome.problems == [] and not outcome.created and not outcome.manual
    assert outcome.path == "data/poles/pole-sud-archer.md"
    before = (root / outcome.path).read_text(encoding="utf-8")
    old, new = before.split("\n"), outcome.text.split("\n")
    removed = [line for line in old if line not in new]
    added = [line for line in new if line not in old]
    assert removed == [
        "thematiques: [emploi-insertion, reprise-activites]",
        'courriel: "direction@archer.fr"',
    ]
    assert added == [
        "thematiques: [emploi-insertion, numerique]",
        'site_web: "https://www.archer.example.org"',
    ]
    assert "# code postal de la commune ; la source donne 26106" in outcome.text  # the comment stays
    assert outcome.text.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # body untouched
    assert ("Courriel de la structure", "direction@archer.fr", None) in outcome.changes
    assert outcome.explanation.startswith("Le pôle a un nouveau site")
    assert any("Site du pôle" in note for note in outcome.notes)
    copy = fixture_data(tmp_path / "copie")
    (copy / outcome.path).write_text(outcome.text, encoding="utf-8")
    assert [str(e) for e in load(copy).errors] == []


def test_correction_without_field_lines_goes_to_the_team(repo):
    outcome = convert("correction-libre.md", repo)
    assert outcome.problems == [] and outcome.manual and outcome.text is None


def test_correction_problems_name_each_line(repo):
    outcome = convert("correction-invalide.md", repo)
    assert [p.split(" : ")[0] for p in outcome.problems] == [
        f"« Modifications », ligne {n}" for n in (1, 2, 3, 4)
    ]
    assert "« Site web »" in outcome.problems[0] and "« pas un site »" in outcome.problems[0]
    assert "Explication" in outcome.problems[1]  # the responsables are too free-form for one line
    assert "« Couleur » n'est pas un champ" in outcome.problems[2]


def test_correction_of_the_postal_code_derives_the_commune_again(repo):
    text = body("correction-valide.md").replace(
        "Site web : www.archer.example.org", "Code postal : 26300\r\nCommune : alixan"
    )
    outcome = convert("correction-valide.md", repo, text)
    assert outcome.problems == [], outcome.problems
    data = parse_text(outcome.text, outcome.path).data
    assert data["code_postal"] == "26300" and data["commune"] == "Alixan"  # its official spelling
    alone = body("correction-valide.md").replace("Site web : www.archer.example.org", "Code postal : 26300")
    outcome = convert("correction-valide.md", repo, alone)
    assert labels_of(outcome.problems) == ["Commune"] and "Alixan" in outcome.problems[0]


@pytest.mark.parametrize(
    "address",
    ["https://ptce.fr/poles/pole-sud-archer/", "poles/pole-sud-archer", "data/poles/pole-sud-archer.md"],
)
def test_correction_names_the_fiche_by_its_page_or_its_file(repo, address):
    assert forms.fiche_path(address, repo) == "data/poles/pole-sud-archer.md"


def test_correction_of_an_unknown_page(repo):
    text = body("correction-valide.md").replace("pole-sud-archer", "pole-inconnu")
    outcome = convert("correction-valide.md", repo, text)
    assert labels_of(outcome.problems) == ["Fiche à corriger"] and outcome.text is None


# --------------------------------------------------------------------------- what the bot writes


def outside_code(markdown: str) -> str:
    """The Markdown with its code blocks and code spans removed: where GitHub makes links and mentions."""
    text = re.sub(r"(?ms)^(`{3,})[^\n]*\n.*?^\1\s*$", "", markdown)
    return re.sub(r"(`+).+?\1", "", text)


def test_pull_request_body_shows_the_fiche_and_closes_the_issue(repo):
    outcome = convert("pole-valide.md", repo)
    text = replies.pr_body(outcome, 12, "marie-exemple")
    assert text.rstrip().endswith(replies.MARKER)
    assert "Closes #12" in text and "@marie-exemple" in text
    assert "https://ptce.fr/poles/atelier-des-pentes/" in text
    fields = outcome.text.split("\n---\n")[0].split("\n\n", 1)[1]  # after the comment block
    assert fields in text  # the fields exactly as written, no typography inside
    assert replies.commit_message(outcome, 12, "marie-exemple", 4242).endswith(
        "\n\nCo-authored-by: marie-exemple <4242+marie-exemple@users.noreply.github.com>\n"
    )
    assert replies.pr_title(outcome, 12) == "Formulaire\u00a0: nouveau pôle atelier-des-pentes (issue #12)"


def test_contributed_text_never_closes_or_mentions_anything(repo):
    hostile = "Closes #3, voir @ptce-fr/mainteneurs et <script>x</script> ```"
    outcome = convert("correction-valide.md", repo)
    outcome.notes.append(hostile)
    outcome.explanation = hostile + "\n````\nFixes #4\n"
    text = outside_code(replies.pr_body(outcome, 12, "x"))
    assert "#3" not in text and "#4" not in text and "@ptce-fr" not in text and "<script>" not in text
    assert replies.commit_message(outcome, 12, "x", 1).count("#") == 1  # only the issue's own number
    bad = forms.Outcome("pole", [f"« Nom du pôle » : {hostile}"])
    comment = replies.problems_comment(bad, "x")
    assert "@ptce-fr" not in comment and "#3" not in comment and "<script>" not in comment
    assert "\\<script\\>" in comment


def test_problems_comment_lists_one_line_per_problem(repo):
    outcome = convert("pole-invalide.md", repo)
    comment = replies.problems_comment(outcome, "marie-exemple")
    assert comment.startswith(replies.MARKER + "\n")
    items = [line for line in comment.split("\n") if line.startswith("- ")]
    assert len(items) == len(outcome.problems) == 7
    assert "7 problèmes" in comment and "modifiez l’issue" in comment
    assert "«\u00a0Code postal\u00a0»\u00a0:" in comment  # French spacing


def test_a_login_that_github_would_not_give_is_not_repeated():
    assert replies.safe_login("a b@c") != "a b@c" and replies.safe_login("marie-exemple") == "marie-exemple"
    assert replies.co_author("github-actions[bot]", 1) is None
