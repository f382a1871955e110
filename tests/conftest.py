"""Shared fixtures: a throw-away repository root with the real vocabularies and geodata."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from projet import copy_project  # maintenance/projet.py, shared with the benchmarks

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"  # the hostile corpus (tests/hostile/cas.yml)
# The fast lane's own small repository: frozen copies of the vocabularies, sources and a few fiches, so that
# a contributor's change to data/ never breaks a test of the code (data/geo is reference data, linked).
FIXTURES = ROOT / "tests" / "donnees" / "data"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = ROOT / "test-output"


def examples(n: int) -> int:
    """Hypothesis examples for a property test: all of them in `make test`, a tenth in the fast lane."""
    return max(20, n // 10) if os.environ.get("PTCE_RAPIDE") else n


def pytest_collection_modifyitems(items):
    """A test that reads the built site or drives the browser is slow, and one that reads the real data/
    depends on what contributors wrote: both run only in `make test`; the fast lane tests the code on
    fixtures of its own."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if {"built", "server", "browser"} & used:
            item.add_marker(pytest.mark.build)
        if "real_corpus" in used:
            item.add_marker(pytest.mark.donnees)


def fixture_data(target: Path) -> Path:
    """target/data: a copy of the fixtures' repository (a few fiches), the real geodata linked."""
    shutil.copytree(FIXTURES, target / "data")
    (target / "data" / "geo").symlink_to(ROOT / "data" / "geo")
    return target


@pytest.fixture(scope="session")
def real_corpus():
    """The records of the real data/, loaded once (tests read it, never change it)."""
    from ptce.records.corpus import load

    return load(ROOT)


def make_root(base: Path, poles: dict[str, str] | None = None, events: dict[str, str] | None = None) -> Path:
    """A minimal repository: the fixtures' data/*.yml, the real data/geo, the given fiches."""
    data = base / "data"
    (data / "poles").mkdir(parents=True)
    (data / "events").mkdir()
    for name in ("vocabulaires.yml", "sources.yml"):
        shutil.copy(FIXTURES / name, data / name)
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


# Browser tests (Debian's Chromium through Playwright) serve the built site on localhost.


@pytest.fixture(scope="module")
def server(built):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()
