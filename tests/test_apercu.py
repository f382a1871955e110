"""The preview (`make serve`) remembers renders between rebuilds (macros/preview.py): after fiches are
edited, added and removed, a docs page and a template changed, every file it serves must be the one a
fresh session would build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from projet import copy_project

ROOT = Path(__file__).resolve().parent.parent
DRIVER = ROOT / "maintenance" / "apercu.py"

NEW_POLE = """---
nom: "Pôle d'essai de l'aperçu"
commune: "Rennes"
code_postal: "35000"
date_maj: "2026-11-23"
sources: [plan-action-2013]
---

Une fiche ajoutée pendant l'aperçu.
"""


def run(project: Path, steps: list) -> dict:
    plan = project.parent / f"{project.name}-etapes.json"
    plan.write_text(json.dumps(steps), encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(project), str(plan)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.build
def test_preview_serves_what_a_fresh_build_would(tmp_path):
    project = copy_project(tmp_path / "apercu")
    fiche, page = "data/poles/ag2i.md", "docs/contribuer/index.md"
    template = "overrides/partials/copyright.html"
    text = {path: (project / path).read_text(encoding="utf-8") for path in (fiche, page, template)}
    steps = [
        # the file list and the configuration stay: every other page comes from memory
        [
            {"path": fiche, "text": text[fiche].replace('nom: "AG2I"', 'nom: "AG2I renommé"')},
            {"path": page, "text": text[page] + "\nUne phrase.\n"},
        ],
        [{"path": template, "text": text[template] + "<!-- aperçu -->\n"}],
        [{"path": template, "text": text[template]}],
        [{"path": "data/poles/essai-apercu.md", "text": NEW_POLE}],
        [{"path": "data/poles/essai-apercu.md"}],
    ]
    preview = run(project, steps)
    first, edited, templated, restored, added, removed = preview["etats"]
    fresh = run(project, [])["etats"][0]  # the same files as after the first step, in a new session
    for state in (edited, removed):
        assert state.keys() == fresh.keys()
        differ = [path for path in state if state[path] != fresh[path]]
        assert not differ, f"{len(differ)} fichiers diffèrent d'une construction neuve, dont {differ[:5]}"
    assert templated["index.html"] != edited["index.html"] and restored == edited
    assert (
        "poles/essai-apercu/index.html" in added and added["poles/index.html"] != edited["poles/index.html"]
    )
    served = Path(preview["dossier"])
    assert "AG2I renommé" in (served / "poles/ag2i/index.html").read_text(encoding="utf-8")
    assert "Une phrase." in (served / "contribuer/index.html").read_text(encoding="utf-8")
    assert edited["poles/ag2i/index.html"] != first["poles/ag2i/index.html"]
