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


@pytest.mark.build
def test_make_serve_shows_a_saved_fiche_and_its_search_index(tmp_path):
    """What a contributor does: `make serve`, save a fiche or a page, and the site shows it
    (macros/preview_serve.py hands MkDocs another server, which must watch what MkDocs's watched); the
    search then answers."""
    import re
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path / "serve")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def page(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(condition, seconds: float) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if condition():
                return True
            time.sleep(0.2)
        return False

    try:
        assert wait_for(lambda: "AG2I" in page("poles/ag2i/"), 180), log.read_text(encoding="utf-8")[-3000:]
        fiche = project / "data/poles/ag2i.md"
        fiche.write_text(
            re.sub(r'^nom: "AG2I"$', 'nom: "AG2I enregistré"', fiche.read_text(encoding="utf-8"), flags=re.M),
            encoding="utf-8",
        )
        assert wait_for(lambda: "AG2I enregistré" in page("poles/ag2i/"), 60), "la fiche n'a pas été reprise"
        assert "AG2I enregistré" in page("poles/")
        docs = project / "docs/contribuer/index.md"  # docs/ is watched before the server is handed back
        docs.write_text(docs.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", encoding="utf-8")
        assert wait_for(lambda: "Une phrase ajoutée." in page("contribuer/"), 60), "docs/ n'est pas surveillé"
        assert wait_for(lambda: "page_count" in page("pagefind/pagefind-entry.json"), 60), "pas d'index"
    finally:
        server.terminate()
        server.wait(timeout=30)
