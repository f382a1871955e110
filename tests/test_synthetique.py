"""maintenance/synthetique.py: synthetic corpora that validate, use every field, depend only on the seed."""

from __future__ import annotations

import shutil

import pytest
import synthetique
from conftest import ROOT

from ptce.records.corpus import load
from ptce.records.models import Evenement, Pole
from ptce.records.sourcefile import read_file

pytestmark = pytest.mark.donnees  # reads the real data/

N_POLES, N_EVENTS = 60, 40
MARK = "Fiche synthétique".encode()


def project(base):
    """docs/ and data/ of the repository (what generate reads), geodata linked rather than copied."""
    shutil.copytree(ROOT / "docs", base / "docs")
    shutil.copytree(ROOT / "data", base / "data", ignore=shutil.ignore_patterns("geo"))
    (base / "data" / "geo").symlink_to(ROOT / "data" / "geo")
    return base


def generated(root) -> dict[str, bytes]:
    """The synthetic fiches of a root: relative path → bytes."""
    out = {}
    for folder in ("poles", "events"):
        for file in sorted((root / "data" / folder).glob("*.md")):
            raw = file.read_bytes()
            if MARK in raw:
                out[f"{folder}/{file.name}"] = raw
    return out


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Three corpora: seed 0 twice, seed 1 once."""
    out = {}
    for name, seed in (("a", 0), ("b", 0), ("c", 1)):
        root = project(tmp_path_factory.mktemp(f"synthetique-{name}"))
        out[name] = (root, synthetique.generate(root, N_POLES, N_EVENTS, seed=seed))
    return out


def test_corpus_validates_with_the_requested_counts(runs):
    root, counts = runs["a"]
    corpus = load(root)
    assert [str(e) for e in corpus.errors] == []
    assert counts["poles"] == N_POLES and counts["events"] == N_EVENTS
    files = generated(root)
    assert sum(k.startswith("poles/") for k in files) == N_POLES
    assert sum(k.startswith("events/") for k in files) == N_EVENTS
    assert len(corpus.poles) == N_POLES + counts["kept_poles"]
    assert len(corpus.events) == N_EVENTS + counts["kept_events"]
    # real fiches stay only when the rest of the project cites them
    assert (root / "data" / "poles" / "pole-sud-archer.md").exists()  # cited by data/ressources
    real = {p.name for p in (ROOT / "data" / "poles").glob("*.md")}
    assert counts["kept_poles"] < len(real)
    # ~400 words per pole, ~150 per event, French with accents
    assert counts["words"] > N_POLES * 350 + N_EVENTS * 130
    texts = [raw.decode() for raw in files.values()]
    assert all("é" in t for t in texts) and any("économie sociale et solidaire" in t for t in texts)
    assert all("lorem" not in t.lower() for t in texts)


def test_every_field_of_the_models_is_used(runs):
    root, _ = runs["a"]
    keys = {"poles": set(), "events": set()}
    for name in generated(root):
        folder = name.split("/")[0]
        keys[folder] |= set(read_file(root / "data" / name, root).data)
    assert set(Pole.model_fields) - keys["poles"] == set()
    assert set(Evenement.model_fields) - keys["events"] == set()


def test_events_reference_generated_poles_and_spread_over_the_years(runs):
    root, _ = runs["a"]
    corpus = load(root)
    synthetic = {name.split("/")[1][:-3] for name in generated(root)}
    events = [e for e in corpus.events if e.slug in synthetic]
    assert any(e.fiche.poles for e in events)
    assert all(p in synthetic for e in events for p in e.fiche.poles)
    years = {e.fiche.debut.date.year for e in events}
    assert min(years) < 2020 and max(years) > 2026  # past and upcoming events
    regions = {e.place.region for e in corpus.poles if e.slug in synthetic}
    assert len(regions) >= 8


def test_same_seed_same_bytes_other_seed_other_files(runs):
    a, b, c = (generated(runs[k][0]) for k in "abc")
    assert a == b
    assert runs["a"][1] == runs["b"][1]
    assert a.keys() != c.keys()
    assert len(set(a.values()) & set(c.values())) == 0


def test_keep_real_and_command_line(tmp_path, capsys):
    root = project(tmp_path / "garde")
    real = len(list((root / "data" / "poles").glob("*.md")))
    counts = synthetique.generate(root, 5, 3, seed=2, keep_real=True)
    assert counts["kept_poles"] == real
    assert len(list((root / "data" / "poles").glob("*.md"))) == real + 5

    dest = tmp_path / "cli"  # empty: the project is copied first
    assert synthetique.main([str(dest), "--poles", "4", "--evenements", "2", "--graine", "3"]) == 0
    out = capsys.readouterr().out
    assert "4 pôles et 2 événements générés" in out
    assert (dest / "mkdocs.yml").exists() and (dest / "ptce" / "records" / "models.py").exists()
    assert load(dest).errors == []


def test_directory_data_stays_small_at_a_thousand_poles(tmp_path):
    """The directory's filters read one file: under 50 KB once compressed at 1,000 poles (issue 17)."""
    import gzip

    from ptce.records.geo import Geo
    from ptce.render import directory

    root = project(tmp_path)
    synthetique.generate(root, 1000, 0, seed=0)
    corpus = load(root)
    assert len(corpus.poles) >= 1000
    geo = Geo.load(root / "data" / "geo")
    data = directory.directory_data(corpus, geo, list(directory.place_files(geo)))
    size = len(gzip.compress(data.encode("utf-8")))
    print(f"poles/annuaire.json, {len(corpus.poles)} pôles : {len(data)} octets, {size} compressés")
    assert size < 50_000
