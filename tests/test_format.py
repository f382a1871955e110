"""ptce/authoring/canonical.py and scripts/format_data.py: one layout, same meaning, idempotent."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce.authoring import canonical
from ptce.authoring.canonical import format_text, kind_of, quote, same_meaning, scalar
from ptce.records.models import Pole
from ptce.records.sourcefile import parse_text

FILES = canonical.data_files(ROOT)


def test_every_data_file_is_covered():
    assert len(FILES) > 150
    assert {kind_of(f) for f in FILES} == set(canonical.FOLDERS.values())


@pytest.mark.donnees
@pytest.mark.parametrize("file", FILES, ids=[f.relative_to(ROOT).as_posix() for f in FILES])
def test_committed_files_keep_their_meaning_and_are_stable(file):
    text = file.read_text(encoding="utf-8")
    once = format_text(text, kind_of(file), str(file))
    assert same_meaning(text, once)
    assert format_text(once, kind_of(file)) == once
    # the Markdown body is untouched, byte for byte
    assert once.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]


# --------------------------------------------------------------------------- properties

_CHARS = st.characters(blacklist_categories=("Cs",))
_TRICKY = st.sampled_from(
    [
        '"',
        "'",
        ":",
        ": ",
        " #",
        "#",
        "\\",
        "\n",
        "\t",
        "\r",
        " ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&",
        "*",
        "!",
        "|",
        ">",
        "%",
        "@",
        "`",
        "é",
        "Œ",
        "\u2028",
        "\x85",
        "\ufeff",
        "\x00",
        "😀",
        "null",
        "~",
        "true",
        "yes",
        "0",
        "01600",
        "2012-12-06",
        "09:30",
        "1e5",
        "0x1F",
        "---",
        "...",
        "\u202e",
    ]
)
TEXT = st.lists(st.one_of(_TRICKY, st.text(_CHARS, max_size=6)), max_size=6).map("".join)
IDENT = st.one_of(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,3}", fullmatch=True), TEXT)
NUMBER = st.one_of(st.from_regex(r"-?[0-9]{1,3}(\.[0-9]{1,4})?", fullmatch=True), TEXT)
BOOL = st.sampled_from(["true", "false", "True", "oui", ""])
VALUE = st.one_of(st.none(), TEXT)


def _record():
    statut = st.fixed_dictionaries(
        {"statut": IDENT}, optional={"date": TEXT, "source": IDENT, "note": TEXT, "inconnu": VALUE}
    )
    responsable = st.fixed_dictionaries(
        {}, optional={"public": BOOL, "nom": TEXT, "role": TEXT, "telephone": TEXT}
    )
    return st.fixed_dictionaries(
        {"nom": TEXT},
        optional={
            "nom_inconnu": BOOL,
            "type": IDENT,
            "thematiques": st.lists(IDENT, max_size=4),
            "statuts": st.lists(statut, max_size=2),
            "responsables": st.lists(responsable, max_size=2),
            "code_postal": TEXT,
            "commune": TEXT,
            "coordonnees": st.fixed_dictionaries({"lat": NUMBER, "lon": NUMBER}),
            "date_maj": TEXT,
            "sources": st.lists(IDENT, max_size=3),
            "site_web": VALUE,
            "zz_inconnu": st.one_of(
                VALUE,
                st.lists(VALUE, max_size=3),
                st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True), VALUE, max_size=3),
            ),
        },
    )


def _shuffled(data: dict, rnd) -> dict:
    keys = list(data)
    rnd.shuffle(keys)
    return {k: data[k] for k in keys}


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    record=_record(),
    body=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40),
    rnd=st.randoms(use_true_random=False),
)
def test_property_meaning_and_idempotence(record, body, rnd):
    # written by another tool (PyYAML picks plain, single-quoted, literal or folded styles), keys shuffled
    front = yaml.safe_dump(_shuffled(record, rnd), allow_unicode=True, sort_keys=False, width=30)
    text = f"---\n{front}---\n{body}"
    before = parse_text(text, "x")
    if before.errors:  # e.g. a body line "---": not a front matter we can read either
        return
    once = format_text(text, "pole")
    after = parse_text(once, "x")
    assert after.errors == [] and after.data == before.data and after.body == before.body
    assert once.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]
    assert format_text(once, "pole") == once
    # the canonical writer alone reads back exactly
    assert (
        parse_text(
            canonical.dump(Pole, record),
            "x",
        ).data
        == record
    )


@given(TEXT)
def test_quote_reads_back_and_stays_on_one_line(value):
    written = quote(value)
    assert "\n" not in written
    assert parse_text(f"---\nnom: {written}\n---\n", "x").data == {"nom": value}
    assert yaml.safe_load(f"nom: {written}") == {"nom": value}


def test_quoting_rule():
    assert scalar("pole-filiere", canonical.IDENT) == "pole-filiere"
    assert scalar("Europe/Paris", canonical.IDENT) == "Europe/Paris"
    for risky in ("null", "yes", "No", "2013", "1e5", "0x1f", "~", "pôle", "a b", "-x"):
        assert scalar(risky, canonical.IDENT) == quote(risky)
    assert scalar("true", canonical.BOOL) == "true" and scalar("True", canonical.BOOL) == '"True"'
    assert scalar("45.94", canonical.NUMBER) == "45.94" and scalar("45,94", canonical.NUMBER) == '"45,94"'
    assert scalar("01600") == '"01600"' and scalar("2012-12-06") == '"2012-12-06"'
    assert scalar(None) == "null"
    assert quote('a "b" \\ c\n') == '"a \\"b\\" \\\\ c\\n"'


MESSY = """---
# yaml-language-server: $schema=https://ptce.fr/schemas/pole.json
# Fiche d'exemple.

sources: [plan-action-2013]
date_maj: 2026-11-23
champ_inconnu: 'garde-moi'   # le validateur le signale
statuts:
  # le plus ancien d'abord
  - date: 2012
    source: plan-action-2013
    statut: "candidat-appel-2012"
commune: Trévoux  # graphie de la source
code_postal: 01600
coordonnees:
  lon: 4.77
  lat: 45.94
nom: >-
  Pôle
  exemple
thematiques:
  - arts-culture
responsables:
  - public: false
    nom: Prénom Nom
    telephone: 04.74.08.71.17
# fin des champs
---

Corps **inchangé**,   espaces compris.
---
"""

EXPECTED = """---
# yaml-language-server: $schema=https://ptce.fr/schemas/pole.json
# Fiche d'exemple.

nom: "Pôle exemple"
thematiques: [arts-culture]
statuts:
  # le plus ancien d'abord
  - statut: candidat-appel-2012
    date: "2012"
    source: plan-action-2013
responsables:
  - nom: "Prénom Nom"
    telephone: "04.74.08.71.17"
    public: false
code_postal: "01600"
commune: "Trévoux"  # graphie de la source
coordonnees: {lat: 45.94, lon: 4.77}
date_maj: "2026-11-23"
sources: [plan-action-2013]
champ_inconnu: "garde-moi"  # le validateur le signale
# fin des champs
---

Corps **inchangé**,   espaces compris.
---
"""


def test_key_order_quoting_and_comments():
    assert format_text(MESSY, "pole") == EXPECTED
    assert format_text(EXPECTED, "pole") == EXPECTED
    assert same_meaning(MESSY, EXPECTED)


def test_long_lists_go_one_item_per_line():
    ids = [f"pole-numero-{i}" for i in range(12)]
    text = f'---\ntitre: "T"\ntype: seminaire\ndebut: "2013"\npoles: [{", ".join(ids)}]\n---\n'
    out = format_text(text, "evenement")
    assert "poles:\n" + "".join(f"  - {i}\n" for i in ids) in out
    assert parse_text(out, "x").data["poles"] == ids


def test_scaffold_header_survives_formatting():
    from ptce.authoring import scaffold

    text = scaffold.render(
        "pole", {"sources": ["plan-action-2013"], "date_maj": "2026-01-01", "nom": "Pôle X"}, "pole-x"
    )
    assert text.startswith("---\n# yaml-language-server: $schema=https://ptce.fr/schemas/pole.json\n")
    assert format_text(text, "pole") == text
    shuffled = text.replace('nom: "Pôle X"\n', "").replace("sources:", 'nom: "Pôle X"\nsources:')
    assert shuffled != text
    assert format_text(shuffled, "pole") == text


# --------------------------------------------------------------------------- command line


def _script(root, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/format_data.py"), "--racine", str(root), *args],
        capture_output=True,
        text=True,
        cwd=root,
    )


def test_verifier_then_format(repo):
    good = EXPECTED
    root = repo(poles={"propre.md": good, "desordre.md": MESSY.replace("Pôle", "Autre pôle")})
    messy_before = (root / "data/poles/desordre.md").read_bytes()
    result = _script(root, "--verifier")
    assert result.returncode == 1
    assert "data/poles/desordre.md : pas en forme canonique" in result.stdout
    assert "propre.md" not in result.stdout
    assert (root / "data/poles/desordre.md").read_bytes() == messy_before  # --verifier writes nothing

    result = _script(root)
    assert result.returncode == 0, result.stderr
    assert "data/poles/desordre.md : remis en forme" in result.stdout
    assert (root / "data/poles/propre.md").read_text() == good
    assert _script(root, "--verifier").returncode == 0
    # only the named files; files outside the data folders are ignored
    result = _script(root, "data/poles/propre.md", "data/vocabulaires.yml")
    assert result.returncode == 0 and "1 fichier examiné" in result.stderr


def test_broken_file_is_reported_not_rewritten(repo):
    broken = '---\nnom: "x"\n\tdate_maj: "2020"\nsources: [a\n---\n'
    duplicate = '---\nnom: "x"\nnom: "y"\n---\n'
    root = repo(poles={"casse.md": broken, "double.md": duplicate, "bon.md": MESSY})
    result = _script(root)
    assert result.returncode == 1
    assert "data/poles/casse.md:3: YAML invalide : tabulation interdite" in result.stderr
    assert "data/poles/double.md:3: nom: champ écrit deux fois" in result.stderr
    assert "Traceback" not in result.stderr
    assert (root / "data/poles/casse.md").read_text() == broken
    assert (root / "data/poles/double.md").read_text() == duplicate
    assert (root / "data/poles/bon.md").read_text() == EXPECTED  # the others are still formatted
    assert _script(root, "--verifier").returncode == 1


def test_pre_commit_config_points_to_existing_scripts():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]}
    assert set(hooks) >= {"format-data", "validate"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        script = next(part for part in hook["entry"].split() if part.endswith(".py"))
        assert (ROOT / script).is_file(), script
    assert hooks["validate"]["pass_filenames"] is False
    assert re.search(hooks["format-data"]["files"], "data/poles/x.md")
    assert re.search(hooks["format-data"]["files"], "data/events/2012-x.md")
    assert not re.search(hooks["format-data"]["files"], "data/vocabulaires.yml")
    assert not re.search(hooks["format-data"]["files"], "data/modeles/pole.md")


@settings(max_examples=examples(60), deadline=None)
@given(record=_record(), marks=st.lists(st.sampled_from(["", "end", "above"]), min_size=40, max_size=40))
def test_property_comments_are_kept(record, marks):
    lines = canonical.dump(Pole, record).split("\n")
    commented, expected = [lines[0]], []
    for i, line in enumerate(lines[1:-2], 1):
        mark = marks[i % len(marks)]
        if mark == "above":
            commented.append(f"# note {i} : « au-dessus »")
            expected.append(f"# note {i} : « au-dessus »")
        commented.append(line + (f"  # note {i} #fin" if mark == "end" else ""))
        if mark == "end":
            expected.append(f"# note {i} #fin")
    text = "\n".join(commented + lines[-2:])
    once = format_text(text, "pole")
    assert same_meaning(text, once)
    assert format_text(once, "pole") == once
    for comment in expected:
        assert comment in once
