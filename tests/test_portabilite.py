"""The same site off MkDocs: ProperDocs builds mkdocs.yml unchanged (it runs the hooks); Zensical builds the
tree written by scripts/ecrire_site.py. Every address of the default build must exist in both, with the
same text: a move of generator must not lose a page, a feed, a data file or a download.

The generators live in their own environments (`make portabilite`, run here when they are missing); the
default build is the session's `built`, whose copy of the project (and cache of downloads) both reuse.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from markdown.preprocessors import Preprocessor
from selectolax.lexbor import LexborHTMLParser

from ptce.tree import TreeError, from_source, write_tree

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent
GENERATORS = {
    "properdocs": ROOT / ".venv-properdocs" / "bin" / "properdocs",
    "zensical": ROOT / ".venv-zensical" / "bin" / "zensical",
}
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "NO_MKDOCS_2_WARNING": "1"}
# The theme's own scripts and styles: named by their hash, they are each generator's, not the site's.
THEME = ("assets/javascripts/", "assets/stylesheets/")
# Addresses of the default build that Zensical 0.0.73 does not write (docs/a-propos/portabilite.md).
ZENSICAL_MISSING = {"sitemap.xml.gz"}


def generator(name: str) -> Path:
    """The generator's command, its environment installed or brought up to date by `make portabilite`."""
    exe = GENERATORS[name]
    result = subprocess.run(
        ["make", "--no-print-directory", "portabilite"], cwd=ROOT, capture_output=True, text=True
    )
    if not exe.exists():
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        pytest.skip(
            f"{name} n’a pas pu être installé par «\u00a0make portabilite\u00a0»\u00a0: {' / '.join(tail)}"
        )
    return exe


def addresses(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def published(site: Path) -> set[str]:
    return {a for a in addresses(site) if not a.startswith(THEME)}


def article(path: Path) -> tuple[str, list[str]]:
    """What a reader gets from a page: the article's text and where its links, maps and images lead."""
    node = LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("article")
    if node is None:
        return "", []
    links = sorted(
        f"{attr}={n.attributes[attr] or ''}"
        for selector, attr in (("a", "href"), ("iframe", "src"), ("img", "src"))
        for n in node.css(selector)
        if attr in n.attributes
    )
    return re.sub(r"\s+", " ", node.text()), links


@pytest.fixture(scope="module")
def properdocs_site(built, tmp_path_factory):
    exe = generator("properdocs")
    dest = tmp_path_factory.mktemp("properdocs") / "site"
    result = subprocess.run(
        [str(exe), "build", "--strict", "-f", str(built.parent / "mkdocs.yml"), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=built.parent,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dest


@pytest.fixture(scope="module")
def zensical_site(built, tmp_path_factory):
    exe = generator("zensical")
    tree = tmp_path_factory.mktemp("zensical") / "arbre"
    command = [sys.executable, str(ROOT / "scripts" / "ecrire_site.py"), "--racine", str(built.parent)]
    written = subprocess.run(command + ["--sortie", str(tree)], capture_output=True, text=True, env=ENV)
    assert written.returncode == 0, written.stderr[-3000:]
    result = subprocess.run([str(exe), "build"], capture_output=True, text=True, env=ENV, cwd=tree)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    finished = subprocess.run(
        command + ["--sortie", str(tree), "--finir"], capture_output=True, text=True, env=ENV
    )
    assert finished.returncode == 0, finished.stderr[-3000:]  # the link check of the default build passes
    return tree / "site"


def test_properdocs_publishes_every_address(built, properdocs_site):
    missing = published(built) - published(properdocs_site)
    assert not missing, f"{len(missing)} adresses absentes avec ProperDocs\u00a0: {sorted(missing)[:20]}"


def test_properdocs_builds_the_same_site_but_its_name(built, properdocs_site):
    """ProperDocs runs our hooks and Material unchanged: only the generator's name in <head> differs."""
    differ = []
    for name in sorted(addresses(built)):
        mine, theirs = (built / name).read_bytes(), (properdocs_site / name).read_bytes()
        if mine != theirs:
            strip = re.compile(rb'\s*<meta name="generator" content="[^"]*">')
            if strip.sub(b"", mine) != strip.sub(b"", theirs):
                differ.append(name)
    assert not differ, f"{len(differ)} fichiers diffèrent avec ProperDocs\u00a0: {differ[:20]}"


def test_zensical_publishes_every_address(built, zensical_site):
    """Every page, map, calendar, feed, data file, schema, image and download, and the search index."""
    missing = published(built) - published(zensical_site)
    assert missing == ZENSICAL_MISSING, f"adresses absentes avec Zensical\u00a0: {sorted(missing)[:20]}"
    for address in (
        "poles/ac-terre/index.html",
        "agenda/atom.xml",
        "donnees/poles.csv",
        "pagefind/pagefind.js",
    ):
        assert address in published(built)  # the comparison covers each kind


def test_zensical_files_are_the_same(built, zensical_site):
    """Files that are not pages come from the same plan: byte for byte (the sitemap's order may differ)."""
    differ = [
        name
        for name in sorted(published(built) & published(zensical_site))
        if not name.endswith(".html")
        and name != "sitemap.xml"
        and (built / name).read_bytes() != (zensical_site / name).read_bytes()
    ]
    assert not differ, f"{len(differ)} fichiers diffèrent avec Zensical\u00a0: {differ[:20]}"


def test_zensical_pages_say_the_same(built, zensical_site):
    """Same text and same link targets in every article: macros, generated pages, typography, the chapter
    allow-list and the links of raw HTML (read by Zensical from the Markdown file) all carried over."""
    differ = [
        name
        for name in sorted(published(built))
        if name.endswith(".html")
        and (zensical_site / name).exists()
        and article(built / name) != article(zensical_site / name)
    ]
    assert not differ, f"{len(differ)} pages diffèrent avec Zensical\u00a0: {differ[:20]}"


def test_zensical_edit_links_lead_to_data(built, zensical_site):
    """A generated page opens its file of data/; an index made from many files has no edit button."""
    for page in (
        "poles/ac-terre/index.html",
        "boite-a-outils/accompagner/index.html",
        "actualites/index.html",
    ):
        assert _edit_links(built / page) == _edit_links(zensical_site / page)
    assert "/data/poles/ac-terre.md" in _edit_links(built / "poles/ac-terre/index.html")[0]


def _edit_links(path: Path) -> list[str]:
    tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
    return [a.attributes.get("href") or "" for a in tree.css('a[rel="edit"]')]


def test_tree_never_clears_a_folder_it_did_not_write(tmp_path):
    mine = tmp_path / "mes-documents"
    mine.mkdir()
    (mine / "lettre.txt").write_text("à garder")
    with pytest.raises(TreeError):
        write_tree(ROOT, mine, None, print)  # type: ignore[arg-type]
    assert (mine / "lettre.txt").read_text() == "à garder"
    assert sorted(p.name for p in mine.iterdir()) == ["lettre.txt"]


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("../../cartes/poles/x.html", "poles/x.md", "../cartes/poles/x.html"),  # served at poles/x/
        ("../autre/", "poles/x.md", "autre/"),
        ("x.ics", "agenda/x.md", "x/x.ics"),
        ("../x.ics", "agenda/x.md", "x.ics"),
        ("../", "poles/x.md", "./"),
        ("telechargements/a.pdf", "boite-a-outils/index.md", "telechargements/a.pdf"),  # served at its folder
    ],
)
def test_raw_html_links_are_read_from_the_file(url, page, expected):
    """The address a link reaches from the page (MkDocs) is the one it reaches from the file (Zensical)."""
    assert from_source(url, page) == expected
    served = page[: -len("index.md")] if page.endswith("index.md") else page[: -len(".md")] + "/"
    folder = page.rsplit("/", 1)[0] + "/"
    assert os.path.normpath(served + url) == os.path.normpath(folder + expected)


def test_manifest_lists_generated_pages_only(built, zensical_site):
    manifest = json.loads((zensical_site.parent / "plan.json").read_text(encoding="utf-8"))["generated"]
    assert "poles/ac-terre.md" in manifest and manifest["poles/ac-terre.md"]["edit"].startswith("data/")
    assert manifest["boite-a-outils/accompagner.md"]["chapter"] is True
    assert "index.md" not in manifest and "poles/index.md" not in manifest  # docs/ pages are not generated


class _Page:
    def __init__(self, path: str, url: str):
        self.path, self.url, self.meta = path, url, {"title": "L'étude"}


def _render(tmp_path: Path, text: str, page: _Page, chapter: bool) -> str:
    """Python-Markdown as Zensical calls it: a rendering context holding the page, then our extension."""
    tmp_path.mkdir(exist_ok=True)
    manifest = tmp_path / "plan.json"
    manifest.write_text(json.dumps({"generated": {page.path: {"edit": "data/x.md", "chapter": chapter}}}))
    md = markdown.Markdown(
        extensions=["md_in_html", "ptce.tree"], extension_configs={"ptce.tree": {"manifeste": str(manifest)}}
    )
    context = Preprocessor(md)
    context.page = page  # type: ignore[attr-defined]
    context.run = lambda lines: lines  # type: ignore[method-assign]
    md.preprocessors.register(context, "rendering_context", 0)
    return md.convert(text)


def test_extension_does_what_the_hooks_do(tmp_path):
    """A generated chapter: never a template, typed for search, through the allow-list, typeset."""
    page = _Page("boite-a-outils/x.md", "boite-a-outils/x/")
    html = _render(tmp_path, "Texte : l'étude.\n\n<script>alert(1)</script>\n", page, chapter=True)
    assert "<script" not in html and "alert" not in html
    assert "Texte\u00a0: l’étude." in html
    assert page.meta["render_macros"] is False
    assert page.meta["type_page"] == "Chapitre"
    assert page.meta["title"] == "L’étude"
    other = _Page("poles/y.md", "poles/y/")
    assert "<script>" in _render(tmp_path / "autre", "<script>ok()</script>\n", other, chapter=False)
