"""What readers and training networks rely on: reproducible builds, no broken link, no network."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, mkdocs_build

from ptce.postbuild.linkcheck import check_site, read_registry

SITE_URL = "https://ptce.fr/"


def tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_commit_are_byte_identical(built, tmp_path):
    """Second build in another folder, with a cold download cache: same bytes everywhere."""
    project = copy_project(tmp_path / "copie")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    first, second = tree_hashes(built), tree_hashes(project / "site")
    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())[:20]
    differing = sorted(k for k in first if first[k] != second[k])
    assert differing == [], differing[:20]
    # What the test covers: maps, feeds, calendars, exports, downloads and the search index.
    kinds = {Path(k).suffix for k in first} | {k.split("/")[0] for k in first}
    assert {".pdf", ".epub", ".docx", ".ics", ".xml", ".json", ".geojson", "pagefind", "cartes"} <= kinds


def test_the_real_site_has_no_broken_link_or_anchor(built):
    registry = read_registry(ROOT / "data" / "urls-publiees.txt")
    assert len(registry) > 20
    assert check_site(built, SITE_URL, registry) == []


def _page(site: Path, rel: str, html: str) -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>{html}</body></html>", encoding="utf-8")


def test_checker_finds_every_kind_of_broken_link(tmp_path):
    site = tmp_path / "site"
    _page(
        site,
        "index.html",
        '<a href="poles/a/">ok</a><a href="poles/b/">absent</a><a href="poles/a/#fiche">ancre</a>'
        '<a href="poles/a/#nulle-part">ancre absente</a><a href="https://exemple.org/x">externe</a>'
        '<a href="JavaScript:alert(1)">js</a><img src="medias/absente.png">'
        '<a href="https://ptce.fr/agenda/">absolu absent</a><a href="mailto:a@b.fr">courriel</a>',
    )
    _page(site, "poles/a/index.html", '<h2 id="fiche">Fiche</h2><a href="../../">accueil</a>')
    (site / "agenda").mkdir()
    (site / "agenda/atom.xml").write_text(
        '<feed><link href="https://ptce.fr/agenda/x/"/><id>https://ptce.fr/poles/a/</id></feed>',
        encoding="utf-8",
    )
    (site / "agenda.ics").write_text(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nURL:https://ptce.fr/agenda/\r\n "
        "y/\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    (site / "donnees").mkdir()
    (site / "donnees/poles.json").write_text(
        '{"poles": [{"url": "https://ptce.fr/poles/a/"}, {"url": "https://ptce.fr/poles/zz/"}]}',
        encoding="utf-8",
    )
    found = {
        (b.page, b.target) for b in check_site(site, SITE_URL, ["/poles/a/", "/boite-a-outils/disparu/"])
    }
    assert found == {
        ("index.html", "poles/b/"),
        ("index.html", "poles/a/#nulle-part"),
        ("index.html", "JavaScript:alert(1)"),
        ("index.html", "medias/absente.png"),
        ("index.html", "https://ptce.fr/agenda/"),
        ("agenda/atom.xml", "https://ptce.fr/agenda/x/"),
        ("agenda.ics", "https://ptce.fr/agenda/y/"),
        ("donnees/poles.json", "https://ptce.fr/poles/zz/"),
        ("data/urls-publiees.txt", "/boite-a-outils/disparu/"),
    }


@pytest.mark.build
def test_a_broken_link_fails_the_strict_build(tmp_path):
    project = copy_project(tmp_path / "copie")
    page = project / "docs/ptce/historique.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<a href="../../poles/pole-qui-n-existe-pas/">lien</a>\n',
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode != 0
    assert "lien cassé vers « ../../poles/pole-qui-n-existe-pas/ »" in result.stderr


NO_NETWORK = """
import socket
def _refuse(*args, **kwargs):
    raise OSError("réseau interdit pendant la construction")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
"""


@pytest.mark.build
def test_build_succeeds_without_network(tmp_path):
    """In a network namespace with no interface when the kernel allows it; else Python sockets refuse."""
    project = copy_project(tmp_path / "copie")
    (tmp_path / "garde").mkdir()
    (tmp_path / "garde" / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": "1767225600",
        "PYTHONPATH": str(tmp_path / "garde"),
    }
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / "site"),
    ]
    isolated = (
        shutil.which("unshare")
        and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0
    )
    if isolated:
        cmd = ["unshare", "-rn"] + cmd
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "réseau interdit" not in result.stderr
    assert (project / "site/poles/pole-sud-archer/index.html").exists()
    assert (project / "site/pagefind/pagefind-entry.json").exists()
