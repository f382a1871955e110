"""Every generated page checked by a validator nobody here wrote (the Nu Html Checker), and what the
<head> and the 404 page promise to readers and feed readers."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ROOT

pytestmark = pytest.mark.build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
EXCEPTIONS = ROOT / "tests" / "nu_exceptions.yml"
SHOWN = 25  # errors printed when the test fails


def site_packages_file(path: str) -> Path:
    """A file of an installed package, e.g. material/templates/base.html."""
    package, _, rest = path.partition("/")
    spec = importlib.util.find_spec(package)
    assert spec and spec.submodule_search_locations, path
    return Path(next(iter(spec.submodule_search_locations))) / rest


def load_exceptions() -> list[dict]:
    entries = yaml.safe_load(EXCEPTIONS.read_text(encoding="utf-8"))
    for e in entries:
        assert set(e) == {"message", "markup", "source", "reason"}, e
        assert len(e["reason"]) > 80, "each exception says why it is accepted"
    return entries


def highlight(m: dict) -> str:
    start = m.get("hiliteStart", 0)
    return m.get("extract", "")[start : start + m.get("hiliteLength", 0)]


def accepted_by(m: dict, entries: list[dict]) -> dict | None:
    for e in entries:
        if re.fullmatch(e["message"], m["message"]) and re.fullmatch(e["markup"], highlight(m)):
            return e
    return None


def describe(m: dict) -> str:
    markup = highlight(m) or m.get("extract", "")
    return f"{m['page']}:{m.get('lastLine', '?')}: {m['message']}\n    {markup!r}"


@pytest.fixture(scope="module")
def nu(built):
    """One run of the checker over the whole site: (files it read, its error messages)."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip(
            "Nu Html Checker absent : il faut Java (paquet Debian default-jre-headless) et "
            "node_modules/vnu-jar (npm) ; « make test » les installe quand il tourne en root"
        )
    run = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--skip-non-html",
            "--format",
            "json",
            "--errors-only",
            "--verbose",
            str(built),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        report = json.loads(run.stderr)  # vnu writes its JSON report on stderr, checked files on stdout
    except json.JSONDecodeError:
        pytest.fail(f"vnu n'a pas produit de rapport JSON (code {run.returncode}) :\n{run.stderr[-3000:]}")
    lines = map(str.strip, run.stdout.splitlines())
    checked = {Path(line).resolve() for line in lines if line.endswith(".html")}
    messages = []
    for m in report["messages"]:
        assert m["type"] == "error", m  # with --errors-only, anything else is a file vnu could not read
        m["page"] = Path(urlsplit(m["url"]).path).resolve().relative_to(built.resolve()).as_posix()
        messages.append(m)
    return checked, messages


def test_the_checker_reads_every_generated_page(built, nu):
    checked, _ = nu
    pages = {p.resolve() for p in built.rglob("*.html")}
    assert len(pages) > 250
    assert checked == pages, sorted(str(p) for p in pages ^ checked)[:10]


def test_no_html_error_but_the_listed_material_exceptions(nu):
    _, messages = nu
    entries = load_exceptions()
    unexpected = [m for m in messages if accepted_by(m, entries) is None]
    if unexpected:
        shown = "\n".join(describe(m) for m in unexpected[:SHOWN])
        pytest.fail(
            f"{len(unexpected)} erreur(s) du Nu Html Checker hors des exceptions de "
            f"{EXCEPTIONS.relative_to(ROOT)} ({len(messages)} en tout) ; les premières :\n{shown}",
            pytrace=False,
        )


def test_each_exception_is_still_needed_and_comes_from_its_template(nu):
    """An exception covers markup written by an outside template, never ours, and goes when unused."""
    _, messages = nu
    entries = load_exceptions()
    for e in entries:
        source = site_packages_file(e["source"])
        assert re.search(e["markup"], source.read_text(encoding="utf-8")), (e["source"], e["markup"])
        used = any(accepted_by(m, [e]) is e for m in messages)
        assert used, f"exception inutile, à retirer : {e['message']}"


# Material templates copied into overrides/ to fix their HTML errors: the copy must stay Material's
# file with only these changes, so that an upgrade of Material shows here instead of going stale.
MATERIAL_COPIES = {
    "partials/nav-item.html": [('tabindex="{{ tabindex }}"', 'tabindex="{{ tabindex or -1 }}"', 2)],
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if toggle %} for="__toc"{% endif %}>',
            1,
        )
    ],
}


@pytest.mark.parametrize("name", sorted(MATERIAL_COPIES))
def test_overridden_material_templates_differ_only_by_their_fix(name):
    original = site_packages_file(f"material/templates/{name}").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, count=1, flags=re.S)  # our header comment
    ours = re.sub(r"^\{%- set (indexes|toggle) = .*-%\}\n", "", ours, flags=re.M)  # our variables
    for old, new, count in MATERIAL_COPIES[name]:
        assert original.count(old) == count, (name, old)
        original = original.replace(old, new)
    assert ours == original


def test_menu_labels_keep_a_valid_tabindex_for_materials_script(built):
    """Material's script keeps aria-expanded in step on every label[tabindex] of the menu: the fix
    of the empty tabindex must keep the attribute, with a valid value."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser((built / "poles" / "index.html").read_text(encoding="utf-8"))
    labels = tree.css("label.md-nav__link[for]")
    values = {label.attributes.get("tabindex") for label in labels if label.attributes["for"] != "__toc"}
    assert values and values <= {"0", "-1"}, values


# --- <head>: feeds declared for feed readers and browsers --------------------------------------


def material_pages(built: Path) -> list[Path]:
    """Pages written by the theme (the map pages in cartes/ are documents of their own, in iframes)."""
    marker = 'name="generator" content="mkdocs-'
    return sorted(p for p in built.rglob("*.html") if marker in p.read_text(encoding="utf-8"))


def site_url(built: Path) -> str:
    return yaml.safe_load((built.parent / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def page_url(built: Path, page: Path) -> str:
    """The address a page is served at; the 404 page is served at any missing address, here a deep one."""
    path = page.relative_to(built).as_posix()
    if path == "404.html":
        path = "une/adresse/qui/n-existe/pas/"
    return urljoin(site_url(built), path.removesuffix("index.html"))


def feed_title(built: Path, path: str) -> str:
    title = ET.parse(built / path).getroot().find("{http://www.w3.org/2005/Atom}title")
    return title.text


def test_every_page_declares_the_news_feed_and_agenda_pages_the_agenda_feed(built):
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    root = site_url(built)
    feeds = {
        "actualites/atom.xml": feed_title(built, "actualites/atom.xml"),
        "agenda/atom.xml": feed_title(built, "agenda/atom.xml"),
    }
    pages = material_pages(built)
    assert len(pages) > 200
    for page in pages:
        url = page_url(built, page)
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        declared = {}
        for link in tree.css('head link[rel="alternate"][type="application/atom+xml"]'):
            target = urljoin(url, link.attributes["href"])
            assert target.startswith(root), (page, target)
            declared[target.removeprefix(root)] = link.attributes.get("title")
        expected = {"actualites/atom.xml"}
        if url.removeprefix(root).startswith("agenda/"):
            expected.add("agenda/atom.xml")
        assert set(declared) == expected, (page.relative_to(built).as_posix(), declared)
        assert all(declared[f] == feeds[f] for f in expected), (page, declared)
        assert len(tree.css('head link[type="application/atom+xml"]')) == len(expected)


# --- 404 ----------------------------------------------------------------------------------------


def test_the_404_page_is_french_and_offers_search_and_the_main_sections(built):
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser((built / "404.html").read_text(encoding="utf-8"))
    root_path = urlsplit(site_url(built)).path
    article = tree.css_first("article")
    text = article.text(separator=" ")
    assert "Not found" not in text and "404 -" not in text
    assert tree.css_first("h1").text(strip=True) == "Page introuvable"
    assert tree.css_first("title").text().startswith("Page introuvable")
    # The same search as the header: GET /recherche/?q=…
    form = article.css_first('form[role="search"]')
    assert form.attributes.get("action") == root_path + "recherche/"
    assert form.attributes.get("method", "get").lower() == "get"
    field = form.css_first('input[name="q"]')
    assert field and form.css_first(f'label[for="{field.attributes["id"]}"]')
    # Ways out, at addresses that work whatever the depth of the missing URL.
    links = {a.attributes["href"]: a.text(strip=True) for a in article.css("a[href]")}
    for target in ("", "poles/", "carte/", "boite-a-outils/"):
        assert root_path + target in links, (target, links)
        assert (built / target / "index.html").exists()
    # Every address in the whole page (header, menu, styles, scripts) is absolute.
    for node in tree.css("[href], [src], [action]"):
        for attr in ("href", "src", "action"):
            value = node.attributes.get(attr)
            if value is not None:
                assert value.startswith(("/", "#", "https://", "mailto:")), (attr, value)


def test_the_404_links_follow_the_path_of_site_url(caplog):
    """A site published under a sub-path (https://exemple.org/sous/dossier/) gets a 404 whose links
    start with that path: rendered by MkDocs' own error-page code (MkDocs 1.6.1, pinned)."""
    from mkdocs.commands.build import _build_template
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    config = load_config(str(ROOT / "mkdocs.yml"), site_url="https://exemple.org/sous/dossier/")
    files = get_files(config)
    nav = get_navigation(files, config)  # warns about the pages generated from data/: not needed here
    html = _build_template("404.html", config.theme.get_env().get_template("404.html"), files, config, nav)
    tree = HTMLParser(html)
    article = tree.css_first("article")
    assert article.css_first("form").attributes["action"] == "/sous/dossier/recherche/"
    links = {a.attributes["href"] for a in article.css("a[href]")}
    assert links == {"/sous/dossier/" + path for path in ("", "poles/", "carte/", "boite-a-outils/")}
    feed = tree.css_first('head link[type="application/atom+xml"]').attributes["href"]
    assert feed == "/sous/dossier/actualites/atom.xml"
    for node in tree.css("[href], [src]"):
        value = node.attributes.get("href") or node.attributes.get("src")
        assert value.startswith(("/sous/dossier/", "https://", "#", "mailto:")), value  # mailto: the contact
