"""The privacy rule and the contact address, as the site promises them (issue 16, items 3 and 4).

A personal phone or e-mail is published only with `public: true`; without it, it is not committed at all:
the repository is public and « Modifier cette page » opens the raw file. The maintainers' address is set
once in mkdocs.yml and shown in the footer and on /contribuer/, which starts with the three ways to
contribute without git.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from conftest import ROOT

from ptce.records.corpus import load
from ptce.records.sourcefile import read_file

CONTACT_FIELDS = ("telephone", "courriel")
FORMS = ("proposer-un-pole.yml", "annoncer-un-evenement.yml", "corriger-une-fiche.yml")
NEW_ISSUE = "https://github.com/ptce-fr/ptce.fr/issues/new?template="
SITE = "https://ptce.fr/"


def _people(node, loc=()):
    """Every entry of a `responsables` list, at any depth, with where it sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "responsables" and isinstance(value, list):
                yield from ((loc + (key, i), p) for i, p in enumerate(value) if isinstance(p, dict))
            else:
                yield from _people(value, loc + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _people(value, loc + (i,))


@pytest.mark.donnees  # reads the real data/
def test_no_committed_file_holds_a_personal_contact_without_public_true():
    files = sorted((ROOT / "data").rglob("*.md"))
    assert len(files) > 150
    leaks, people = [], 0
    for path in files:
        src = read_file(path, ROOT)
        for loc, person in _people(src.data or {}):
            people += 1
            if person.get("public") != "true":  # the reader gives every scalar as written
                leaks += [
                    f"{src.path}:{src.line_of(loc + (k,))}: {k}" for k in CONTACT_FIELDS if person.get(k)
                ]
    assert people > 20  # the pole fiches do name responsables: the walk found them
    assert leaks == []


FICHE = """---
nom: "Pôle Exemple"
responsables:
  - nom: "Camille Martin"
    role: "Coordinatrice"
    telephone: "06 11 22 33 44"
    courriel: "camille.martin@example.org"
  - nom: "Dominique Durand"
    courriel: "dominique@example.org"
    public: false
  - nom: "Claude Petit"
    telephone: "06 55 66 77 88"
    courriel: "claude@example.org"
    public: true
  - nom: "Alix Bernard"
    public: false
date_maj: "2026-01-01"
---
"""


def test_validator_refuses_a_personal_contact_without_public_true(repo):
    corpus = load(repo(poles={"exemple.md": FICHE}))
    found = {(e.path, e.line, e.field): e.message for e in corpus.errors}
    assert set(found) == {
        ("data/poles/exemple.md", 6, "responsables.1.telephone"),
        ("data/poles/exemple.md", 7, "responsables.1.courriel"),
        ("data/poles/exemple.md", 9, "responsables.2.courriel"),
    }
    for message in found.values():
        # the message names both ways out: consent and public: true, or deleting the line
        assert "public: true" in message and "accord" in message and "supprimez" in message, message
        assert "06 11" not in message and "@" not in message  # the refused value is not repeated
    # the fiche is still read, and the page and exports never show what was refused
    assert [p.nom for p in corpus.pole("exemple").fiche.responsables][:2] == [
        "Camille Martin",
        "Dominique Durand",
    ]


def test_validate_script_reports_the_refusal_in_french(repo):
    root = repo(poles={"exemple.md": FICHE})
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), "--racine", str(root)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert result.returncode != 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("data/poles/exemple.md:6: responsables.1.telephone: ") for line in lines)
    assert "Traceback" not in result.stderr


def test_a_public_contact_and_a_person_without_contact_are_accepted(repo):
    fiche = FICHE.split("responsables:\n")[0] + (
        'responsables:\n  - nom: "Claude Petit"\n    telephone: "06 55 66 77 88"\n    public: true\n'
        '  - nom: "Alix Bernard"\n    role: "Responsable"\ndate_maj: "2026-01-01"\n---\n'
    )
    assert load(repo(poles={"exemple.md": fiche})).errors == []


@pytest.mark.donnees  # reads the real data/
def test_template_says_the_rule_and_follows_it():
    text = (ROOT / "data/modeles/pole.md").read_text(encoding="utf-8")
    assert "public: true" in text and "accord" in text
    src = read_file(ROOT / "data/modeles/pole.md", ROOT)
    for _, person in _people(src.data):
        assert person.get("public") == "true" or not any(person.get(k) for k in CONTACT_FIELDS)


def test_contributing_starts_with_the_three_paths_and_states_the_rule():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    developer = text.index("scripts/validate.py")
    for form in FORMS:
        assert text.index(NEW_ISSUE + form) < developer, form
    assert text.index("/admin/") < developer
    assert text.index("Modifier cette page") < developer
    assert text.index("Proposer une correction") < developer
    assert _contact() in text
    rule = text[text.index("## ", text.index("public: true") - 3000) :]
    assert "public: true" in rule and "accord" in rule and "refus" in rule


def test_contributing_shows_the_refusal_as_the_validator_writes_it(repo):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"^data/poles/[\w.-]+:\d+: responsables\.1\.telephone: (.+)$", text, flags=re.M)
    assert shown, "CONTRIBUTING.md shows the refusal of a private phone number"
    errors = load(repo(poles={"exemple.md": FICHE})).errors
    assert shown[1] == next(e.message for e in errors if e.field == "responsables.1.telephone")


def test_privacy_page_states_the_rule_and_its_enforcement():
    text = (ROOT / "docs/a-propos/donnees-personnelles.md").read_text(encoding="utf-8")
    assert "public: true" in text and "vérificateur" in text and "refus" in text
    assert "Aucune adresse de contact" not in text  # the address now exists


# --------------------------------------------------------------------------- built site


def _contact() -> str:
    """The maintainers' address as configured: the only place it is written for the site."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    address = config["extra"]["contact"]["courriel"]
    assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]+", address), address
    return address


def _part(site: Path, url: str, tag: str) -> str:
    text = (site / url / "index.html").read_text(encoding="utf-8")
    match = re.search(rf"<{tag}\b.*?</{tag}>", text, flags=re.S)
    assert match, (url, tag)
    return match[0]


def _links(fragment: str, page_url: str) -> set[str]:
    return {urljoin(page_url, html.unescape(h)) for h in re.findall(r'<a\b[^>]*\bhref="([^"]*)"', fragment)}


@pytest.mark.build
@pytest.mark.parametrize("url", ["", "poles/pole-sud-archer", "contribuer"])
def test_footer_shows_the_configured_contact(built, url):
    footer = _part(built, url, "footer")
    assert f"mailto:{_contact()}" in _links(footer, SITE + url)
    assert _contact() in html.unescape(re.sub(r"<[^>]+>", "", footer))


@pytest.mark.build
def test_contribuer_page_links_the_three_forms_the_editor_and_the_contact(built):
    article = _part(built, "contribuer", "article")
    links = _links(article, SITE + "contribuer/")
    for form in FORMS:
        assert NEW_ISSUE + form in links, form
    assert f"mailto:{_contact()}" in links
    # the paths come first: the developer commands follow them
    text = html.unescape(article)
    first_dev = text.index("validate.py")
    assert all(text.index(NEW_ISSUE + form) < first_dev for form in FORMS)
    assert "Modifier cette page" in text[:first_dev] and "Proposer une correction" in text[:first_dev]


@pytest.mark.build
def test_contribuer_page_links_the_web_editor(built):
    article = _part(built, "contribuer", "article")
    assert (built / "admin" / "index.html").is_file()
    assert SITE + "admin/" in _links(article, SITE + "contribuer/"), "/contribuer/ doit lier /admin/"


def test_the_published_schema_refuses_a_personal_contact_without_consent():
    """Editors that read /schemas/pole.json (VS Code through the modeline) say what the validator says."""
    import jsonschema

    from ptce.render import schema

    validator = jsonschema.Draft202012Validator(schema.json_schema("pole"))
    base = {"nom": "Pôle X", "date_maj": "2026-01-01"}
    for contact in ({"telephone": "01 23 45 67 89"}, {"courriel": "a@exemple.org"}):
        person = {"nom": "Jeanne Exemple", **contact}
        assert not validator.is_valid({**base, "responsables": [person]})
        assert not validator.is_valid({**base, "responsables": [{**person, "public": False}]})
        assert validator.is_valid({**base, "responsables": [{**person, "public": True}]})
    assert validator.is_valid({**base, "responsables": [{"nom": "Jeanne Exemple", "role": "Présidente"}]})
    exported = schema.json_schema(schema.exports.SCHEMAS["poles.json"])
    assert "allOf" not in exported["$defs"]["Responsable"]
