"""Measure Sveltia CMS and Decap CMS side by side for the page /a-propos/editeur-web/.

    .venv/bin/python maintenance/compare_editeur.py            # installs both from npm in a temporary folder
    .venv/bin/python maintenance/compare_editeur.py --json mesures.json

For each CMS, in Debian's Chromium at 1280 and 390 pixels, with every request outside localhost refused
and recorded: the bytes of the editor's own files the browser loads (raw and gzip) on the sign-in
screen, on the list of poles and on a new pole's form; the calls to other sites it tries (refused by
the route or by the page's Content Security Policy); axe-core's violations on those three screens;
then a pole created through the form, in the CMS's own local mode (Sveltia: « Travailler avec un dépôt
local », the File System Access API given an origin-private folder holding data/; Decap: local_backend
and decap-server in git mode), and whether the written file passes the validator. Also: how much of
the French interface is translated, and what npm installs. Needs the npm registry, Chromium and Node.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from projet import copy_project
from serveur import Server

from ptce.authoring import cms
from ptce.records.corpus import load

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VERSIONS = {"@sveltia/cms": "0.221.1", "decap-cms": "3.16.3", "decap-server": "3.11.3"}
COLLECTIONS = ("poles", "events", "ressources", "actualites")
NAME, POSTCODE = "Pôle d'essai de la Drôme", "26100"
WIDTHS = (1280, 390)
LOCAL = ("127.0.0.1", "localhost")

# Sveltia's local mode: the directory picker returns an origin-private folder filled with data/.
PICKER = """window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle('depot');"""
FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('depot', {recursive: true}); } catch (e) {}
  const repo = await root.getDirectoryHandle('depot', {create: true});
  await repo.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = repo;
    const parts = path.split('/');
    const name = parts.pop();
    for (const part of parts) dir = await dir.getDirectoryHandle(part, {create: true});
    const out = await (await dir.getFileHandle(name, {create: true})).createWritable();
    await out.write(text);
    await out.close();
  }
}"""
READ = """async (path) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('depot');
  const parts = path.split('/');
  const name = parts.pop();
  for (const part of parts) dir = await dir.getDirectoryHandle(part);
  for await (const [n, h] of dir.entries()) {
    if (n.startsWith(name)) return [n, await (await h.getFile()).text()];
  }
  return null;
}"""


def npm_install(prefix: Path, packages: list[str]) -> dict:
    prefix.mkdir(parents=True)
    (prefix / "package.json").write_text('{"private": true}', encoding="utf-8")
    out = subprocess.run(
        ["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", *packages],
        cwd=prefix,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    added = re.search(r"added (\d+) packages?", out)
    size = sum(p.stat().st_size for p in (prefix / "node_modules").rglob("*") if p.is_file())
    return {"packages": int(added.group(1)) if added else None, "bytes": size}


def decap_config(conf: dict) -> dict:
    """The same generated configuration, less what Decap does not know, plus its own local mode."""
    conf = json.loads(json.dumps(conf))
    for key in ("output", "app_title"):
        conf.pop(key, None)
    for key in ("auth_methods",):
        conf["backend"].pop(key, None)
    conf["slug"].pop("maxlength", None)
    conf["locale"] = "fr"
    conf["local_backend"] = True
    return conf


def build_sites(work: Path, corpus) -> dict[str, Path]:
    sveltia = work / "sveltia-site"
    for path, value in cms.outputs(
        work / "sveltia",
        corpus.vocabulaires,
        corpus.sources,
        "https://github.com/ptce-fr/ptce.fr",
        "https://ptce.fr/",
        "2026-12-01",
        lambda m: sys.exit(m),
    ):
        dest = sveltia / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, Path):
            shutil.copy(value, dest)
        else:
            dest.write_text(value, encoding="utf-8")
    decap = work / "decap-site" / "admin"
    decap.mkdir(parents=True)
    conf = cms.config(
        corpus.vocabulaires, corpus.sources, "ptce-fr/ptce.fr", "https://ptce.fr/", "2026-12-01"
    )
    (decap / "config.yml").write_text(cms.config_yaml(decap_config(conf)), encoding="utf-8")
    (decap / "index.html").write_text(
        '<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Éditeur de ptce.fr</title>\n</head>\n<body>\n"
        '<script src="decap-cms.js"></script>\n</body>\n</html>\n',
        encoding="utf-8",
    )
    for p in (work / "decap" / "node_modules" / "decap-cms" / "dist").iterdir():
        if not p.name.endswith(".map"):
            shutil.copy(p, decap / p.name)
    return {"Sveltia CMS": sveltia, "Decap CMS": work / "decap-site"}


def weigh(site: Path, base: str, urls: list[str]) -> tuple[int, int]:
    """Raw and gzip bytes of the site's own files among the loaded URLs (the data API left out)."""
    raw = gz = 0
    for url in dict.fromkeys(urls):
        if not url.startswith(base):
            continue
        path = urlsplit(url).path
        file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 6, mtime=0))
    return raw, gz


def axe_ids(axe, page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"grave": [], "autre": []}
    for v in axe.run(page).response["violations"]:
        found["grave" if v["impact"] in ("serious", "critical") else "autre"].append(v["id"])
    return found


def validate(text: str, name: str, work: Path) -> list[str]:
    project = copy_project(Path(tempfile.mkdtemp(dir=work)))
    (project / "data" / "poles" / name).write_text(text, encoding="utf-8")
    return [str(e) for e in load(project).errors if e.path.endswith(name)]


def run(browser, axe, label: str, site: Path, width: int, files: dict, repo: Path, shots: Path, work) -> dict:
    server = Server(site)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    urls: list[str] = []
    outside: set[str] = set()

    def route(r):
        if urlsplit(r.request.url).hostname in LOCAL:
            r.continue_()
        else:
            outside.add(urlsplit(r.request.url).hostname)
            r.abort()

    def console(m):
        blocked = re.search(r"(?:Connecting to|Loading the \w+) '(https?://[^']+)' violates", m.text)
        if blocked:
            outside.add(urlsplit(blocked.group(1)).hostname)

    page.route("**/*", route)
    page.on("console", console)
    page.on("requestfinished", lambda r: urls.append(r.url))
    sveltia = label.startswith("Sveltia")
    if sveltia:
        page.add_init_script(PICKER)
    out: dict = {"cms": label, "largeur": width}
    start = time.perf_counter()
    page.goto(server.url + "/admin/")
    button = (
        page.get_by_role("button", name="Travailler avec un dépôt local")
        if sveltia
        else page.get_by_role("button", name="Se connecter")
    )
    button.wait_for(timeout=30000)
    out["connexion_s"] = round(time.perf_counter() - start, 2)
    page.wait_for_timeout(1500)
    out["connexion"] = weigh(site, server.url, urls)
    out["axe_connexion"] = axe_ids(axe, page)
    page.screenshot(path=str(shots / f"{label.split()[0].lower()}-connexion-{width}.png"))
    if sveltia:
        page.evaluate(FILL, files)
    button.click()
    page.evaluate("location.hash = '#/collections/poles'")
    page.get_by_text("Ac'Terre", exact=True).first.wait_for(timeout=30000)
    page.wait_for_timeout(1500)
    out["liste"] = weigh(site, server.url, urls)
    out["axe_liste"] = axe_ids(axe, page)
    page.screenshot(path=str(shots / f"{label.split()[0].lower()}-liste-{width}.png"))
    page.evaluate("location.hash = '#/collections/poles/new'")
    name = page.get_by_label("Nom", exact=True).first
    name.wait_for(timeout=30000)
    name.fill(NAME)
    page.get_by_label(re.compile("^Code postal")).first.fill(POSTCODE)  # Decap adds « (optionnel) »
    page.wait_for_timeout(1000)
    out["formulaire"] = weigh(site, server.url, urls)
    out["scripts"] = weigh(site, server.url, [u for u in urls if urlsplit(u).path.endswith(".js")])
    save = page.get_by_role("button", name="Enregistrer", exact=True).first.bounding_box()
    out["enregistrer_visible"] = bool(save) and save["x"] >= 0 and save["x"] + save["width"] <= width
    out["axe_formulaire"] = axe_ids(axe, page)
    page.screenshot(path=str(shots / f"{label.split()[0].lower()}-formulaire-{width}.png"))
    page.get_by_role("button", name="Enregistrer", exact=True).first.click()
    page.wait_for_timeout(4000)
    page.screenshot(path=str(shots / f"{label.split()[0].lower()}-enregistre-{width}.png"))
    out["messages_apres_enregistrement"] = [
        t.strip() for t in page.locator("[role=alert], [role=status]").all_inner_texts() if t.strip()
    ][:10]
    if sveltia:
        written = page.evaluate(READ, "data/poles/pole-d-essai")
    else:
        branches = subprocess.run(
            ["git", "branch", "--list", "cms/*"], cwd=repo, capture_output=True, text=True
        ).stdout.split()
        written = None
        for branch in branches:
            names = subprocess.run(
                ["git", "diff", "--name-only", "main", branch], cwd=repo, capture_output=True, text=True
            ).stdout.split()
            for n in names:
                text = subprocess.run(
                    ["git", "show", f"{branch}:{n}"], cwd=repo, capture_output=True, text=True
                )
                written = [Path(n).name, text.stdout]
            subprocess.run(["git", "branch", "-D", branch], cwd=repo, capture_output=True)
    out["fichier"] = written
    out["erreurs"] = validate(written[1], written[0], work) if written else ["aucun fichier écrit"]
    out["autres_sites"] = sorted(h for h in outside if h)
    context.close()
    server.close()
    return out


def french_strings(work: Path) -> dict[str, tuple[int, int]]:
    def flat(d, p=""):
        out = {}
        for k, v in d.items():
            out.update(flat(v, f"{p}{k}.") if isinstance(v, dict) else {p + k: v})
        return out

    locales = work / "sveltia" / "node_modules" / "@sveltia" / "cms" / "locales"
    en = flat(json.loads((locales / "en-US.json").read_text(encoding="utf-8")))
    fr = flat(json.loads((locales / "fr.json").read_text(encoding="utf-8")))
    counts = {"Sveltia CMS": (len(set(en) & set(fr)), len(en))}
    src = work / "decap" / "node_modules" / "decap-cms-locales" / "src"
    script = (
        "const f=(o,p='')=>Object.entries(o).flatMap(([k,v])=>typeof v==='object'?f(v,p+k+'.'):[p+k]);"
        "const [en,fr]=await Promise.all(process.argv.slice(1).map(async x=>f((await import(x)).default)));"
        "const s=new Set(fr);console.log(JSON.stringify([en.filter(k=>s.has(k)).length,en.length]));"
    )
    copies = []
    for lang in ("en", "fr"):
        copy = work / f"decap-{lang}.mjs"
        copy.write_text((src / lang / "index.js").read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(str(copy))
    done = subprocess.run(
        ["node", "--input-type=module", "-e", script, *copies], capture_output=True, text=True
    )
    counts["Decap CMS"] = tuple(json.loads(done.stdout))
    return counts


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} ko".replace(",", " ")


def table(measures: dict) -> str:
    """The page's table: one column per CMS, both widths folded when they agree."""
    rows: dict[str, dict[str, str]] = {}
    for r in measures["navigateur"]:
        col = rows.setdefault(r["cms"], {})
        serious = [len(r[f"axe_{s}"]["grave"]) for s in ("connexion", "liste", "formulaire")]
        ids = sorted({i for s in ("connexion", "liste", "formulaire") for i in r[f"axe_{s}"]["grave"]})
        values = {
            "Fichiers chargés (brut)": f"{kb(r['formulaire'][0])}, dont scripts {kb(r['scripts'][0])}",
            "Fichiers chargés (gzip)": f"{kb(r['formulaire'][1])}, dont scripts {kb(r['scripts'][1])}",
            "axe-core : erreurs graves (connexion / liste / formulaire)": " / ".join(map(str, serious))
            + (f" ({', '.join(ids)})" if ids else ""),
            "Bouton « Enregistrer » dans l'écran": "oui" if r["enregistrer_visible"] else "non",
            "Fiche créée (nom et code postal)": (
                "écrite, valide"
                if r["fichier"] and not r["erreurs"]
                else "; ".join(r["messages_apres_enregistrement"])
            ),
            "Appels à d'autres sites tentés": ", ".join(r["autres_sites"]) or "aucun",
        }
        for k, v in values.items():
            key = f"{k} — {r['largeur']} px"
            col[key] = v
    for name, install in measures["installation"].items():
        rows[name]["Installation npm"] = f"{install['packages']} paquets, {install['bytes'] / 2**20:.0f} Mo"
        done, total = measures["francais"][name]
        rows[name]["Chaînes traduites en français"] = f"{done} / {total} ({100 * done / total:.0f} %)"
    names = list(rows)
    lines = [f"| Mesure | {' | '.join(names)} |", "|---" * (len(names) + 1) + "|"]
    for key in rows[names[0]]:
        lines.append(f"| {key} | {' | '.join(rows[n].get(key, '') for n in names)} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare Sveltia CMS et Decap CMS (page /a-propos/editeur-web/)."
    )
    parser.add_argument("--json", type=Path, help="écrit aussi les mesures dans ce fichier")
    parser.add_argument("--captures", type=Path, default=ROOT / "test-output" / "editeur-web")
    args = parser.parse_args(argv)
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    args.captures.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="editeur-"))
    print(f"Dossier de travail : {work}", flush=True)
    installs = {
        "Sveltia CMS": npm_install(work / "sveltia", [f"@sveltia/cms@{VERSIONS['@sveltia/cms']}"]),
        "Decap CMS": npm_install(work / "decap", [f"decap-cms@{VERSIONS['decap-cms']}"]),
    }
    npm_install(work / "server", [f"decap-server@{VERSIONS['decap-server']}"])
    corpus = load(ROOT)
    sites = build_sites(work, corpus)
    files = {
        p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
        for c in COLLECTIONS
        for p in sorted((ROOT / "data" / c).glob("*.md"))
    }
    repo = work / "depot"
    for c in COLLECTIONS:
        shutil.copytree(ROOT / "data" / c, repo / "data" / c)
    git = ["git", "-c", "user.name=mesure", "-c", "user.email=mesure@exemple.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "depot"], cwd=repo, check=True)
    server = subprocess.Popen(
        ["node", str(work / "server" / "node_modules" / "decap-server" / "dist" / "index.js")],
        env={"PATH": "/usr/bin:/bin", "MODE": "git", "PORT": "8081", "GIT_REPO_DIRECTORY": str(repo)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = []
    try:
        time.sleep(3)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            axe = Axe()
            for label, site in sites.items():
                for width in WIDTHS:
                    print(f"== {label}, {width} px ==", flush=True)
                    results.append(run(browser, axe, label, site, width, files, repo, args.captures, work))
                    print(json.dumps(results[-1], ensure_ascii=False, indent=1), flush=True)
            browser.close()
    finally:
        server.terminate()
        server.wait()
    measures = {
        "versions": VERSIONS,
        "installation": installs,
        "francais": french_strings(work),
        "navigateur": results,
        "machine": f"{platform.machine()}, Linux {platform.release()}, Python {platform.python_version()}",
        "date": time.strftime("%d/%m/%Y"),
    }
    if args.json:
        args.json.write_text(json.dumps(measures, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in measures.items() if k != "navigateur"}, ensure_ascii=False, indent=1))
    print("\n" + table(measures))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
