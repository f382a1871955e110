"""Shared fixtures: a throw-away repository root with the real vocabularies and geodata."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from projet import copy_project  # maintenance/projet.py, shared with the benchmarks

ROOT = Path(__file__).resolve().parent.parent


def make_root(base: Path, poles: dict[str, str] | None = None, events: dict[str, str] | None = None) -> Path:
    """A minimal repository: real data/*.yml and data/geo, the given fiches."""
    data = base / "data"
    (data / "poles").mkdir(parents=True)
    (data / "events").mkdir()
    for name in ("vocabulaires.yml", "sources.yml"):
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "geo").symlink_to(ROOT / "data" / "geo")
    for name, text in (poles or {}).items():
        (data / "poles" / name).write_text(text, encoding="utf-8")
    for name, text in (events or {}).items():
        (data / "events" / name).write_text(text, encoding="utf-8")
    return base


@pytest.fixture
def repo(tmp_path):
    """Call it to get a fresh repository root (several per test if needed)."""
    roots = iter(range(1000))
    return lambda poles=None, events=None: make_root(tmp_path / f"depot{next(roots)}", poles, events)


def mkdocs_build(project: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": "1767225600",
    }
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / "site"),
    ]
    return subprocess.run(
        cmd + (["--strict"] if strict else []), capture_output=True, text=True, env=env, cwd=project
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The real site, built once per test session with --strict."""
    project = copy_project(tmp_path_factory.mktemp("real"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"
