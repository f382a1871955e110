"""The preview reuses a record's page while what it read of the corpus is the same (ptce/render/reuse.py):
after any edit, its plan must give exactly what a fresh plan gives, and still reuse what it can."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import fixture_data

from ptce import site
from ptce.records.corpus import load, load_cached
from ptce.render.reuse import Reuse

POLE = "data/poles/les-ecosolies.md"
EVENT = "data/events/2012-12-06-rencontre-regionale-ptce-caen.md"
NEW_EVENT = """---
titre: "Atelier d'essai de la prévisualisation"
type: rencontre-regionale
statut: programme
debut: "2013-03-14"
fuseau: Europe/Paris
poles: [les-ecosolies]
sources: [programme-caen-2012]
---
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "pôle renommé": lambda root: _replace(root / POLE, "Les Ecosolies –", "Les Écosolies renommées –"),
    "événement qui nomme un pôle": lambda root: _replace(
        root / EVENT, "statut: programme\n", "statut: programme\npoles: [les-ecosolies]\n"
    ),
    "libellé de vocabulaire": lambda root: _replace(
        root / "data/vocabulaires.yml", "libelle: Pôle témoin", "libelle: Pôle témoin (2012)"
    ),
    "pôle supprimé": lambda root: (root / "data/poles/pole-sud-archer.md").unlink(),
    "événement ajouté": lambda root: (root / "data/events/2013-03-14-essai.md").write_text(
        NEW_EVENT, encoding="utf-8"
    ),
}


def _outputs(root: Path, settings: site.Settings, corpus) -> dict:
    return {out.path: out.content for out in site.plan(corpus, settings, lambda m: None)}


@pytest.mark.parametrize("edit", EDITS)
def test_a_preview_plan_after_an_edit_is_a_fresh_plan(tmp_path, edit):
    root = fixture_data(tmp_path)
    for folder in ("chapitres", "outils"):  # their downloads run pandoc: not what this test is about
        shutil.rmtree(root / "data" / folder)
    reused = Reuse()
    preview = site.Settings(root, reused=reused)
    before = _outputs(root, preview, load_cached(root))
    EDITS[edit](root)
    after = _outputs(root, preview, load_cached(root))
    fresh = _outputs(root, site.Settings(root), load(root))
    assert after.keys() == fresh.keys()
    assert [path for path in after if after[path] != fresh[path]] == []
    assert after != before
    kept = [path for path in after if path in before and after[path] is before[path]]
    if edit != "libellé de vocabulaire":  # every record is read again when the vocabularies change
        assert any(path.startswith(("poles/", "agenda/")) for path in kept), "rien n'a été réutilisé"


def test_a_render_is_reused_only_when_every_read_can_be_checked(tmp_path):
    """A read of the corpus's memo (filled while the plan runs) cannot be checked in the next plan."""
    root = fixture_data(tmp_path)
    corpus = load(root)
    reused, calls = Reuse(), []

    def label(entry, corpus):
        calls.append("label")
        return corpus.label("statuts", entry.statut)

    def from_memo(entry, corpus):
        calls.append("memo")
        return corpus.memo.get("x")

    for _ in range(2):
        reused.begin(corpus)
        reused(label, corpus.poles[0], corpus)
        reused(from_memo, corpus.poles[0], corpus)
    assert calls == ["label", "memo", "memo"]
