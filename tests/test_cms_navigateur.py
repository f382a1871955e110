"""The web editor as a contributor uses it: /admin/ of the built site in Debian's Chromium, in the CMS's own
local mode, a pole created through the form, then checked by the validator and rendered as its page.

Sveltia CMS's « Travailler avec un dépôt local » opens a folder with the File System Access API; here the
folder picker returns an origin-private folder (navigator.storage.getDirectory()) filled with data/, and
the file the CMS writes there is read back.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from compare_editeur import FILL  # the repository the CMS opens: files in the browser's private folder
from conftest import CHROMIUM, OUTPUT, ROOT
from projet import copy_project

from ptce.authoring import cms
from ptce.records.corpus import load
from ptce.render import pages

pytestmark = [
    pytest.mark.build,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason="Chromium absent : installez le paquet Debian « chromium » (make test l'installe en root)",
    ),
]

NAME, POSTCODE, COMMUNE = "Pôle d'essai de la Drôme", "26100", "Romans-sur-Isère"
FILE = "pole-d-essai-de-la-drome.md"  # the file name the editor derives from the name
PICKER = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('depot');"""

READ = """async (name) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('depot');
  for (const part of ['data', 'poles']) dir = await dir.getDirectoryHandle(part);
  try { return await (await (await dir.getFileHandle(name)).getFile()).text(); } catch (e) { return null; }
}"""


@pytest.fixture(scope="module")
def admin(built):
    if not (cms.package_dir(ROOT) / "package.json").is_file():
        pytest.skip(f"node_modules/{cms.PACKAGE} absent : « make tools » (npm ci) l'installe")
    assert (built / "admin" / "index.html").is_file(), (
        "le site construit ne publie pas /admin/ (ptce/site.py)"
    )
    return built


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def data_files() -> dict[str, str]:
    return {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for folder in ("poles", "events", "ressources", "actualites")
        for p in sorted((ROOT / "data" / folder).glob("*.md"))
    }


def serious(axe, page) -> list[str]:
    return [v["id"] for v in axe.run(page).response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_pole_created_in_the_editor_passes_the_validator_and_becomes_a_page(
    admin, server, browser, axe, tmp_path, width
):
    OUTPUT.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    outside, errors, failed = [], [], []

    def route(r):
        if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.add_init_script(PICKER)
    page.goto(f"{server}/admin/")

    local = page.get_by_role("button", name="Travailler avec un dépôt local")
    local.wait_for(timeout=30000)  # the interface is in French, with strings served by the site
    assert page.get_by_role("button", name="Se connecter avec un jeton d’accès").is_visible()
    assert serious(axe, page) == []
    page.screenshot(path=str(OUTPUT / f"admin-connexion-{width}.png"))

    page.evaluate(FILL, data_files())
    local.click()
    page.evaluate("location.hash = '#/collections/poles'")
    page.get_by_text("Ac'Terre", exact=True).first.wait_for(timeout=30000)
    assert serious(axe, page) == []

    page.evaluate("location.hash = '#/collections/poles/new'")
    postcode = page.get_by_role("textbox", name="Code postal", exact=True)
    postcode.wait_for(timeout=30000)
    postcode.fill(POSTCODE)
    page.screenshot(path=str(OUTPUT / f"admin-nouvelle-fiche-code-postal-{width}.png"))
    page.get_by_role("textbox", name="Nom", exact=True).fill(NAME)  # filled last: the form shows its top
    violations = axe.run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    assert "meta-viewport" not in {v["id"] for v in violations}  # zooming is given back (RGAA 10.4)
    page.mouse.move(width / 2, 300)
    page.mouse.wheel(0, -400)  # the field's label and the form's title in view
    page.wait_for_timeout(500)
    page.screenshot(path=str(OUTPUT / f"admin-nouvelle-fiche-{width}.png"))
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Entrée enregistrée.").wait_for(timeout=30000)
    page.evaluate(f"location.hash = '#/collections/poles/entries/{FILE.removesuffix('.md')}'")
    saved = page.get_by_role("textbox", name="Nom", exact=True)
    saved.wait_for(timeout=30000)
    assert saved.input_value() == NAME  # the editor reads the fiche back from the folder
    page.wait_for_timeout(1000)  # the editor slides in
    page.screenshot(path=str(OUTPUT / f"admin-enregistree-{width}.png"))
    written = page.evaluate(READ, FILE)
    context.close()

    assert outside == [] and errors == [] and failed == []
    assert written is not None, f"l'éditeur n'a pas écrit data/poles/{FILE}"
    project = copy_project(tmp_path / "depot")
    (project / "data" / "poles" / FILE).write_text(written, encoding="utf-8")
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(project)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    corpus = load(project)
    entry = corpus.pole(FILE.removesuffix(".md"))
    html = pages.pole_page(entry, corpus)
    assert NAME.replace("'", "&#x27;") in html or NAME in html
    assert COMMUNE in html  # the commune the build derives from the postal code typed in the editor


def test_the_editor_keeps_zoom_and_french_once_started(admin, server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(f"{server}/admin/")
    page.get_by_role("button", name="Travailler avec un dépôt local").wait_for(timeout=30000)
    viewports = page.evaluate("[...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    assert viewports and not any("maximum-scale" in v or "user-scalable" in v for v in viewports)
    assert page.evaluate("document.documentElement.lang").startswith("fr")
    page.close()


def test_admin_is_out_of_the_search_index_and_the_sitemap(admin):
    locs = [e.text for e in ET.parse(admin / "sitemap.xml").iter() if e.tag.endswith("loc")]
    assert len(locs) > 100 and not [u for u in locs if "/admin" in urlsplit(u).path]
    indexed = []
    for fragment in (admin / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        indexed.append(json.loads(data[data.index(b"{") :])["url"])
    assert len(indexed) > 100 and not [u for u in indexed if u.startswith("/admin")]
