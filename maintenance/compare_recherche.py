"""Compare the two search engines on measurements: Material's lunr search (French
pipeline plus an accent-folding step) and Pagefind, on the real content and on a
synthetic corpus of about 2,000 pages.

    .venv/bin/python maintenance/compare_recherche.py            # writes docs/a-propos/recherche.md
    .venv/bin/python maintenance/compare_recherche.py --pages 600 --sans-ecrire

For each engine and corpus: recall@10 of a list of queries typed without and with
accents, the bytes the browser downloads for the first query (raw and gzip), and
the build time the engine adds. Drives Debian's Chromium with Playwright; no network.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import projet
import synthetique
from serveur import Server

from ptce.postbuild.search import build_index

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"

# Real content: (query as typed with accents, page that must be in the first ten results).
REAL_QUERIES = [
    ("économie solidaire", "/poles/collectif-du-pole-economie-solidaire/"),
    ("coopérer dans les territoires", "/ressources/cooperer-dans-les-territoires/"),
    ("Rhône pluriel", "/poles/rhone-pluriel/"),
    ("Écopôle", "/poles/ecopole-les-ateliers/"),
    ("coopérative du citoyen", "/poles/cooperative-du-citoyen/"),
    ("Romans-sur-Isère", "/poles/pole-sud-archer/"),
    ("Drôme", "/poles/pole-sud-archer/"),
    ("référentiel", "/ptce/referentiel/"),
    ("collectivités", "/boite-a-outils/collectivites/"),
    ("Caen rencontre régionale", "/agenda/2012-12-06-rencontre-regionale-ptce-caen/"),
    ("états généraux", "/agenda/2011-debat-etats-generaux-ess-palais-brongniart/"),
    ("coopératives", "/poles/cooperative-du-citoyen/"),
]

FOLD_HOOK = '''
import json, unicodedata
from pathlib import Path


def _fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")

def on_post_build(config):
    """Accent folding for lunr: each document also carries its text without accents."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            folded = _fold(doc.get(key, ""))
            if folded != doc.get(key, ""):
                doc[key] = doc.get(key, "") + " " + folded
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
'''


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def copy_project(dest: Path) -> Path:
    projet.copy_project(dest)
    cache = ROOT / ".cache"
    if cache.exists():  # reuse the downloads already generated: they are not what we measure
        (dest / ".cache").symlink_to(cache)
    return dest


def material_variant(project: Path) -> None:
    """Material's own search: its plugin with lang fr, its header, and the folding hook."""
    conf = (project / "mkdocs.yml").read_text(encoding="utf-8")
    conf = conf.replace("plugins:\n", "plugins:\n  - search:\n      lang: fr\n", 1)
    conf = conf.replace("hooks:\n", "hooks:\n  - fold_hook.py\n", 1)
    (project / "mkdocs.yml").write_text(conf, encoding="utf-8")
    (project / "fold_hook.py").write_text(FOLD_HOOK, encoding="utf-8")
    (project / "overrides/partials/header.html").unlink()


def build(project: Path, site: Path, pagefind: bool) -> float:
    env = {
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": "1795392000",
        "PTCE_SANS_RECHERCHE": "" if pagefind else "1",
    }
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    if result.returncode:
        raise SystemExit(f"construction impossible ({project}) :\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def _sizes(site: Path, paths: list[str]) -> tuple[int, int]:
    raw = gz = 0
    for p in paths:
        f = site / p.lstrip("/")
        if f.is_dir():
            f = f / "index.html"
        if f.is_file():
            data = f.read_bytes()
            raw += len(data)
            gz += len(gzip.compress(data, 6, mtime=0))
    return raw, gz


def run_pagefind(browser, site: Path, queries: list[tuple[str, str]]) -> dict:
    server = Server(site)
    page = browser.new_page()
    fetched: list[str] = []
    page.on(
        "requestfinished", lambda r: fetched.append(urlsplit(r.url).path) if "/pagefind/" in r.url else None
    )
    page.goto(f"{server.url}/recherche/?q={queries[0][0]}")
    page.wait_for_selector(".pagefind-ui__result, .pagefind-ui__message", timeout=30000)
    page.wait_for_load_state("networkidle")
    first = _sizes(site, sorted(set(fetched)))
    hits = {}
    for typed, target in [(q, t) for q, t in queries] + [(fold(q), t) for q, t in queries]:
        urls = page.evaluate(
            """async (q) => { const pf = await import('/pagefind/pagefind.js');
            const s = await pf.search(q); """
            """const d = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
            return d.map(x => x.url); }""",
            typed,
        )
        hits[typed] = target in urls
    page.close()
    server.close()
    return {"first": first, "hits": hits}


def run_material(browser, site: Path, queries: list[tuple[str, str]]) -> dict:
    server = Server(site)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fetched: list[str] = []
    page.on(
        "requestfinished",
        lambda r: (
            fetched.append(urlsplit(r.url).path)
            if ("/search/" in r.url or "/workers/" in r.url or "/lunr/" in r.url)
            else None
        ),
    )
    page.goto(f"{server.url}/")
    hits = {}
    for i, (typed, target) in enumerate([(q, t) for q, t in queries] + [(fold(q), t) for q, t in queries]):
        page.click(".md-search__input")
        page.fill(".md-search__input", "")
        page.type(".md-search__input", typed)  # Material listens to key strokes
        page.wait_for_function(
            """(q) => { const m = document.querySelector('.md-search-result__meta');
            return document.querySelector('.md-search__input').value === q && m && """
            """!/^Initialisation|^Taper/.test(m.textContent.trim()); }""",
            arg=typed,
            timeout=60000,
        )
        page.wait_for_timeout(300)
        links = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            "els => els.map(e => new URL(e.href).pathname)",
        )
        top = list(dict.fromkeys(links))[:10]
        hits[typed] = target in top
        if i == 0:
            page.wait_for_load_state("networkidle")
            first = _sizes(site, sorted(set(fetched)))
    page.close()
    server.close()
    return {"first": first, "hits": hits}


def synthetic_queries(project: Path, count: int, seed: int = 1) -> list[tuple[str, str]]:
    """Poles looked up by their commune when its name has accents: one page must come up."""
    import random

    from ptce.records.corpus import load

    corpus = load(project)
    by_commune: dict[str, list] = {}
    for e in corpus.poles:
        if e.place.commune:
            by_commune.setdefault(e.place.commune.nom, []).append(e)
    candidates = sorted(
        name for name, es in by_commune.items() if len(es) == 1 and fold(name) != name and len(name) > 4
    )
    chosen = random.Random(seed).sample(candidates, min(count, len(candidates)))
    return [(name, f"/poles/{by_commune[name][0].slug}/") for name in chosen]


def page_count(site: Path) -> int:
    return sum(1 for p in site.rglob("index.html") if "pagefind" not in p.parts and "search" not in p.parts)


def measure(label: str, project: Path, queries, browser, work: Path) -> dict:
    print(f"\n== {label} ==", flush=True)
    site_pf = work / f"{label}-pagefind"
    t_plain = build(project, site_pf, pagefind=False)  # without any search engine
    pages = page_count(site_pf)
    index_times = []
    for _ in range(3):
        shutil.rmtree(site_pf / "pagefind", ignore_errors=True)
        start = time.perf_counter()
        build_index(site_pf)
        index_times.append(time.perf_counter() - start)
    print(
        f"  {pages} pages ; construction sans moteur {t_plain:.1f} s ; "
        f"Pagefind +{statistics.median(index_times):.2f} s",
        flush=True,
    )
    pf = run_pagefind(browser, site_pf, queries)

    mat_project = work / f"{label}-material-projet"
    shutil.copytree(project, mat_project, symlinks=True)
    material_variant(mat_project)
    site_mat = work / f"{label}-material"
    t_mat = build(mat_project, site_mat, pagefind=False)
    print(f"  Material : construction {t_mat:.1f} s (+{t_mat - t_plain:.1f} s)", flush=True)
    mat = run_material(browser, site_mat, queries)
    return {
        "label": label,
        "pages": pages,
        "queries": len(queries),
        "pagefind": {**pf, "added": statistics.median(index_times)},
        "material": {**mat, "added": t_mat - t_plain},
    }


def recall(hits: dict, queries, accents: bool) -> str:
    keys = [q if accents else fold(q) for q, _ in queries]
    found = sum(hits[k] for k in keys)
    return f"{found}/{len(keys)} ({100 * found / len(keys):.0f} %)"


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} ko".replace(",", " ")


def table(results: list[dict], queries_by_label: dict) -> str:
    rows = [
        "| Corpus | Moteur | Rappel@10 avec accents | Rappel@10 sans accents | "
        "1re requête (brut) | 1re requête (gzip) | Temps de construction ajouté |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        qs = queries_by_label[r["label"]]
        for engine, name in (
            ("material", "Material (lunr, fr + pliage des accents)"),
            ("pagefind", "Pagefind (fr)"),
        ):
            e = r[engine]
            rows.append(
                f"| {r['label']} ({r['pages']} pages) | {name} | {recall(e['hits'], qs, True)} | "
                f"{recall(e['hits'], qs, False)} | {kb(e['first'][0])} | {kb(e['first'][1])} | "
                f"{e['added']:.1f} s |"
            )
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare la recherche de Material et Pagefind "
        "sur le contenu réel et un corpus synthétique."
    )
    parser.add_argument(
        "--pages", type=int, default=2000, help="taille visée du corpus synthétique, en pages (2000)"
    )
    parser.add_argument("--requetes", type=int, default=20, help="requêtes sur le corpus synthétique (20)")
    parser.add_argument("--sans-ecrire", action="store_true", help="n'écrit pas docs/a-propos/recherche.md")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ptce-recherche-") as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        real = copy_project(work / "reel")
        results, queries_by_label = [], {}
        queries_by_label["réel"] = REAL_QUERIES
        results.append(measure("réel", real, REAL_QUERIES, browser, work))

        synth = copy_project(work / "synthetique")
        n_poles = int(args.pages * 0.75)
        synthetique.generate(synth, n_poles, args.pages - n_poles - 60, seed=0)
        queries = synthetic_queries(synth, args.requetes)
        queries_by_label["synthétique"] = queries
        results.append(measure("synthétique", synth, queries, browser, work))
        browser.close()

    text = table(results, queries_by_label)
    print("\n" + text)
    if not args.sans_ecrire:
        write_page(text, results)
    return 0


def write_page(text: str, results: list[dict]) -> None:
    real, synth = results[0], results[-1]
    ratio_real = real["material"]["first"][1] / real["pagefind"]["first"][1]
    ratio_synth = synth["material"]["first"][1] / synth["pagefind"]["first"][1]
    ratio_real_text = str(round(ratio_real, 1)).replace(".", ",")
    ratio_synth_text = str(round(ratio_synth, 1)).replace(".", ",")
    machine = (
        f"{platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    page = ROOT / "docs" / "a-propos" / "recherche.md"
    page.write_text(
        f"""---
title: Choix du moteur de recherche
description: Comparaison mesurée de la recherche de Material for MkDocs et de Pagefind """
        f"""sur le contenu de ptce.fr.
---

# Choix du moteur de recherche

Le site devait trouver « économie » quand on tape « economie », « coopérative » pour
« cooperatives », et rester léger sur téléphone. Deux moteurs ont été mesurés côte à côte, sur
le contenu réel et sur un corpus synthétique d'environ 2 000 pages, avec le script
`maintenance/compare_recherche.py` :

- **Material** : la recherche intégrée au thème (lunr), réglée en français (`lang: fr`), avec
  une étape de pliage des accents : à la construction, chaque document reçoit aussi son texte
  sans accents ;
- **Pagefind** : index découpé en fragments, construit après le site, langue française.

Le **rappel@10** compte les requêtes dont la page attendue figure parmi les dix premiers
résultats. Chaque requête est tapée avec ses accents, puis sans. Sur le corpus réel, ce sont
{len(REAL_QUERIES)} requêtes : nom de pôle, commune, département, thème, événement, chapitre.
Sur le corpus synthétique, c'est le nom d'une commune accentuée qui n'accueille qu'un seul
pôle. La **1re requête** mesure ce que le navigateur télécharge pour afficher les premiers
résultats : index, scripts du moteur et fragments.

{text}

Machine : {machine}, 2 cœurs. Mesures du {time.strftime("%d/%m/%Y")}.

**Choix : Pagefind.** Il trouve les mots avec ou sans accents, sans étape supplémentaire. Il
ramène les pluriels à leur singulier (« cooperatives » trouve « coopérative »). Surtout, la
première requête ne télécharge que les fragments utiles, alors que Material envoie l'index
entier du site à chaque visiteur. Sur le site actuel, encore petit, Material transfère
{ratio_real_text} fois ce que transfère Pagefind (octets compressés) ; à {synth["pages"]} pages,
{ratio_synth_text} fois. La recherche
fonctionne sans serveur ; le champ de l'en-tête est un simple formulaire, utilisable même sans
JavaScript, qui mène à la page [Recherche](../recherche/index.md).
""",
        encoding="utf-8",
    )
    print(f"\nÉcrit : {page.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
