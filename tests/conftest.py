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
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = ROOT / "test-output"


def examples(n: int) -> int:
    """Hypothesis examples for a property test: all of them in `make test`, a tenth in the fast lane."""
    return max(20, n // 10) if os.environ.get("PTCE_RAPIDE") else n


def pytest_collection_modifyitems(items):
    """A test that reads the built site or drives the browser is slow: it runs only in `make test`."""
    for item in items:
        if {"built", "server", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


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
