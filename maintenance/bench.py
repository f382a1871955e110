"""Benchmark: our build against a bare MkDocs-Material build of the same number of pages.

    .venv/bin/python maintenance/bench.py                       # real content, N = 1000, 5000;
                                                                # writes docs/a-propos/performances.md
    .venv/bin/python maintenance/bench.py --tailles 100 1000 --repetitions 3 --sans-ecrire

For each N (N poles with every field and ~400 words, N events with programmes),
in the same run: full build vs bare build (medians), validation alone, the
France map's transferred bytes, downloads cold vs cached, peak memory. Prints a
table; it is a measurement, not a test (budgets are checked and reported).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import projet
import synthetique

ROOT = Path(__file__).resolve().parent.parent

ENV = {
    "PATH": "/usr/bin:/bin",
    "NO_MKDOCS_2_WARNING": "1",
    "DISABLE_MKDOCS_2_WARNING": "true",
    "SOURCE_DATE_EPOCH": "1795392000",
    "LANG": "C.UTF-8",
}

# Runs a command in-process and reports its peak memory (this process and its children).
MEASURED = """
import resource, runpy, sys

target = sys.argv[1]
sys.argv = sys.argv[1:]
try:
    if target.endswith(".py"):
        runpy.run_path(target, run_name="__main__")
    else:
        runpy.run_module(target, run_name="__main__")
finally:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"PEAK_KB {max(own, kids)}", file=sys.stderr)
"""


def run(cmd: list[str], cwd: Path, extra_env: dict | None = None) -> tuple[float, int, str]:
    """Wall time, peak memory (kB) and stderr of a Python module run."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURED, *cmd],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**ENV, **(extra_env or {})},
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"échec de {' '.join(cmd)} dans {cwd} :\n{result.stderr[-3000:]}")
    peak = int(re.search(r"PEAK_KB (\d+)", result.stderr).group(1))
    return elapsed, peak, result.stderr


def html_pages(site: Path) -> list[Path]:
    return [
        p
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("cartes/", "pagefind/", "assets/"))
    ]


def bare_project(dest: Path, pages: int, texts: list[str]) -> Path:
    """What a Material user would configure for as many pages: same theme and navigation.prune, Material's
    own search, a short menu (the pages live in folders but are not all listed in it, as our fiches
    are not), no macros, hooks, maps or downloads."""
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(
        "site_name: Témoin\nsite_url: https://example.org/\ntheme:\n  name: material\n  language: fr\n"
        "  font: false\n"
        "  features:\n    - navigation.sections\n    - navigation.indexes\n    - navigation.prune\n"
        "plugins:\n  - search:\n      lang: fr\n"
        "nav:\n  - index.md\n"
        "validation:\n  nav:\n    omitted_files: info\n",
        encoding="utf-8",
    )
    per_folder = 500
    for i in range(pages):
        folder = docs / f"section-{i // per_folder:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"page-{i:05d}.md").write_text(f"# Page {i}\n\n{texts[i % len(texts)]}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    return dest


def hugo_project(dest: Path, pages: int, texts: list[str]) -> Path:
    """The same pages for Hugo (Debian package « hugo »), with a one-template layout: the outside
    reference of what rendering Markdown to HTML costs at all."""
    (dest / "layouts" / "_default").mkdir(parents=True)
    (dest / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Témoin"\n', encoding="utf-8")
    layout = "<!doctype html><html lang=fr><title>{{ .Title }}</title><main>{{ .Content }}</main></html>"
    for name in ("single.html", "list.html"):
        (dest / "layouts" / "_default" / name).write_text(layout, encoding="utf-8")
    for i in range(pages):
        folder = dest / "content" / f"section-{i // 500:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"page-{i:05d}.md").write_text(
            f'---\ntitle: "Page {i}"\n---\n\n{texts[i % len(texts)]}\n', encoding="utf-8"
        )
    return dest


def body_texts(project: Path, limit: int = 200) -> list[str]:
    out = []
    for path in sorted((project / "data" / "poles").glob("*.md"))[:limit]:
        out.append(path.read_text(encoding="utf-8").split("---", 2)[2].strip())
    return out


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def map_bytes(site: Path) -> tuple[int, int]:
    """The France map page as a visitor loads it, without tiles and Leaflet (HTML + GeoJSON it fetches)."""
    page = site / "cartes" / "france.html"
    html = page.read_bytes()
    total_raw, total_gz = len(html), gz(html)
    for ref in re.findall(rb'["\']([^"\']+\.(?:geo)?json)["\']', html):
        f = (page.parent / ref.decode()).resolve()
        if f.is_file():
            total_raw += f.stat().st_size
            total_gz += gz(f.read_bytes())
    return total_raw, total_gz


def downloads(project: Path) -> dict:
    """Toolkit downloads: cold (empty cache) then cached; counts files regenerated on the second pass."""
    code = (
        "import time; from pathlib import Path; "
        "from ptce import site; from ptce.records.corpus import load; c = load(Path('.')); "
        "t = time.perf_counter(); "
        "site.toolkit_outputs(c, site.Settings(Path('.').resolve()), lambda m: None); "
        "print(time.perf_counter() - t)"
    )
    cache = project / ".cache" / "telechargements"
    shutil.rmtree(cache, ignore_errors=True)
    cold = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=project, env=ENV, check=True
        ).stdout
    )
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    warm = float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, cwd=project, env=ENV, check=True
        ).stdout
    )
    after = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    regenerated = sum(1 for p in after if before.get(p) != after[p])
    return {"cold": cold, "warm": warm, "files": len(after), "regenerated": regenerated}


def measure(n: int, repetitions: int, work: Path, bare_max: int = 1000) -> dict:
    print(f"\n== N = {n} ==", flush=True)
    project = projet.copy_project(work / f"ptce-{n}")
    if n:  # N = 0: the real content of data/, as committed
        synthetique.generate(project, n, n, seed=0)
    fiches = len(list((project / "data" / "poles").glob("*.md"))) + len(
        list((project / "data" / "events").glob("*.md"))
    )

    t_validate = statistics.median(
        run([str(ROOT / "scripts" / "validate.py"), "--racine", str(project)], ROOT)[0]
        for _ in range(repetitions)
    )
    print(f"  validation : {fiches} fiches en {t_validate:.2f} s", flush=True)

    builds, peaks = [], []
    site = project / "site"
    # The synthetic corpus keeps the real chapters: their downloads come from the repository's cache
    # (measured separately below), as on a contributor's machine after a first build.
    cache = ROOT / ".cache"
    if cache.exists():
        shutil.copytree(cache, project / ".cache")
    else:
        run(["mkdocs", "build", "--strict", "-q", "-d", str(site)], project)
    run(["mkdocs", "build", "--strict", "-q", "-d", str(site)], project)  # warm the file cache
    pages = len(html_pages(site))
    bare = bare_project(work / f"temoin-{n}", pages, body_texts(project)) if n <= bare_max else None
    hugo = hugo_project(work / f"hugo-{n}", pages, body_texts(project)) if shutil.which("hugo") else None
    bare_times, bare_peaks, hugo_times = [], [], []
    for _ in range(repetitions):  # alternated, so that a busy moment of the machine hits both
        shutil.rmtree(site, ignore_errors=True)
        t, peak, _ = run(["mkdocs", "build", "--strict", "-q", "-d", str(site)], project)
        builds.append(t)
        peaks.append(peak)
        if bare:
            shutil.rmtree(bare / "site", ignore_errors=True)
            t, peak, _ = run(["mkdocs", "build", "-q", "-d", str(bare / "site")], bare)
            bare_times.append(t)
            bare_peaks.append(peak)
        if hugo:
            shutil.rmtree(hugo / "public", ignore_errors=True)
            start = time.perf_counter()
            subprocess.run(["hugo", "--quiet", "-s", str(hugo)], check=True, capture_output=True)
            hugo_times.append(time.perf_counter() - start)
    print(
        f"  notre site : {pages} pages HTML, {statistics.median(builds):.1f} s "
        f"({min(builds):.1f}–{max(builds):.1f}), {max(peaks) / 1024:.0f} Mo",
        flush=True,
    )
    if bare:
        print(
            f"  témoin Material : {statistics.median(bare_times):.1f} s "
            f"({min(bare_times):.1f}–{max(bare_times):.1f}), {max(bare_peaks) / 1024:.0f} Mo",
            flush=True,
        )
        shutil.rmtree(bare, ignore_errors=True)
    if hugo:
        print(f"  Hugo : {statistics.median(hugo_times):.2f} s", flush=True)
        shutil.rmtree(hugo, ignore_errors=True)

    raw, gzipped = map_bytes(site)
    dl = downloads(project)
    print(
        f"  carte : {raw / 1024:.0f} ko ({gzipped / 1024:.0f} ko gzip) ; "
        f"téléchargements {dl['cold']:.1f} s à froid, "
        f"{dl['warm']:.2f} s en cache, {dl['regenerated']} régénérés",
        flush=True,
    )
    shutil.rmtree(project, ignore_errors=True)
    return {
        "n": n,
        "fiches": fiches,
        "pages": pages,
        "build": statistics.median(builds),
        "bare": statistics.median(bare_times) if bare_times else None,
        "build_range": (min(builds), max(builds)),
        "bare_range": (min(bare_times), max(bare_times)) if bare_times else None,
        "bare_peak_mb": max(bare_peaks) / 1024 if bare_peaks else None,
        "hugo": statistics.median(hugo_times) if hugo_times else None,
        "validate": t_validate,
        "map_raw": raw,
        "map_gz": gzipped,
        "peak_mb": max(peaks) / 1024,
        "downloads": dl,
        "repetitions": repetitions,
    }


def measure_serve(n: int, work: Path, saves: int = 3) -> dict:
    """`make serve` on a corpus of n poles and n events (0: the real content): seconds from saving a fiche
    to the page served with the change, and the rebuild's own share as MkDocs logs it (the rest is MkDocs's
    file watcher, which looks for changes every half second)."""
    import socket
    import urllib.request

    project = projet.copy_project(work / f"serve-{n}")
    if n:
        synthetique.generate(project, n, n, seed=0)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (work / f"serve-{n}.log").open("w+", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    try:
        start = time.perf_counter()
        while not get(""):
            if time.perf_counter() - start > 900:
                raise SystemExit("mkdocs serve n'a pas démarré")
            time.sleep(0.5)
        first = time.perf_counter() - start
        fiche = sorted((project / "data" / "poles").glob("*.md"))[
            len(list((project / "data" / "poles").glob("*.md"))) // 2
        ]
        slug = fiche.stem
        times = []
        for i in range(saves):
            text = fiche.read_text(encoding="utf-8")
            marker = f"Vérification {i}"
            fiche.write_text(
                re.sub(
                    r'^nom: "(.*?)( Vérification \d+)?"$', rf'nom: "\1 {marker}"', text, count=1, flags=re.M
                ),
                encoding="utf-8",
            )
            saved = time.perf_counter()
            while marker not in get(f"poles/{slug}/"):
                if time.perf_counter() - saved > 600:
                    raise SystemExit("la page n'a pas été rechargée")
                time.sleep(0.1)
            times.append(time.perf_counter() - saved)
            time.sleep(3)  # the search index is built after the reload
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.seek(0)
        built = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", log.read())]
        log.close()
    return {
        "n": n,
        "first": first,
        "reload": statistics.median(times),
        "rebuild": statistics.median(built[-saves:]),
        "saves": saves,
    }


PROFILE = "## Où va le temps"


def preview_goal(serve: dict) -> str:
    """The issue's goal for the page served after a save: < 1 s on the real content, < 3 s at 1,000."""
    goal = 1.0 if serve["n"] == 0 else 3.0 if serve["n"] <= 1000 else None
    if goal is None:
        return "—"
    return f"< {fr(goal, 0)} s : {'tenu' if serve['reload'] < goal else 'NON TENU'}"


def corpus_name(n: int) -> str:
    return "contenu réel" if n == 0 else f"{n} + {n}"


def fr(x: float, digits: int = 1) -> str:
    return f"{x:,.{digits}f}".replace(",", "\u202f").replace(".", ",")  # 1 000 kept on one line


def table(rows: list[dict]) -> str:
    out = [
        "| N pôles + N événements | Pages | Notre construction (min–max) | Material seul (min–max) | Rapport "
        "| Hugo | Validation (par 1 000 fiches) | Carte de France (gzip) "
        "| Téléchargements à froid / en cache (régénérés) | Mémoire maximale (Material seul) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        dl = r["downloads"]
        lo, hi = r["build_range"]
        ours = f"{fr(r['build'])} s ({fr(lo)}–{fr(hi)})"
        if r["bare"]:
            blo, bhi = r["bare_range"]
            bare = f"{fr(r['bare'])} s ({fr(blo)}–{fr(bhi)})"
            ratio = fr(r["build"] / r["bare"], 2)
            memory = f"{fr(r['peak_mb'], 0)} Mo ({fr(r['bare_peak_mb'], 0)} Mo)"
        else:
            bare, ratio, memory = "non mesuré", "—", f"{fr(r['peak_mb'], 0)} Mo"
        hugo = f"{fr(r['hugo'], 2)} s" if r.get("hugo") else "non installé"
        size = f"{r['n']} + {r['n']}" if r["n"] else "contenu réel"
        out.append(
            f"| {size} | {r['pages']} | {ours} | {bare} | {ratio} | {hugo} | "
            f"{fr(r['validate'], 2)} s ({fr(r['validate'] * 1000 / r['fiches'], 2)} s) | "
            f"{fr(r['map_gz'] / 1024, 0)} ko | "
            f"{fr(dl['cold'])} s / {fr(dl['warm'], 2)} s ({dl['regenerated']} sur {dl['files']}) | "
            f"{memory} |"
        )
    return "\n".join(out)


def budgets(rows: list[dict]) -> list[str]:
    by_n = {r["n"]: r for r in rows}
    out = []
    if 0 in by_n and by_n[0]["bare"]:
        r = by_n[0]
        out.append(
            f"construction ≤ 1,5 × Material seul sur le contenu réel : {fr(r['build'] / r['bare'], 2)} "
            f"→ {'tenu' if r['build'] <= 1.5 * r['bare'] else 'NON TENU'}"
        )
    if 1000 in by_n:
        r = by_n[1000]
        out.append(
            f"construction ≤ 1,2 × Material seul à N = 1 000 : {fr(r['build'] / r['bare'], 2)} "
            f"→ {'tenu' if r['build'] <= 1.2 * r['bare'] else 'NON TENU'}"
        )
        out.append(
            f"mémoire ≤ 1,5 × Material seul à N = 1 000 : {fr(r['peak_mb'] / r['bare_peak_mb'], 2)} "
            f"→ {'tenu' if r['peak_mb'] <= 1.5 * r['bare_peak_mb'] else 'NON TENU'}"
        )
        per_1000 = r["validate"] * 1000 / r["fiches"]
        out.append(
            f"validation de 1 000 fiches < 1 s : {fr(per_1000, 2)} s "
            f"→ {'tenu' if per_1000 < 1 else 'NON TENU'}"
        )
        out.append(
            f"carte pour 1 000 pôles < 250 ko gzip : {fr(r['map_gz'] / 1024, 0)} ko "
            f"→ {'tenu' if r['map_gz'] < 250 * 1024 else 'NON TENU'}"
        )
    if 1000 in by_n and 5000 in by_n:
        ratio = by_n[5000]["build"] / by_n[1000]["build"]
        out.append(
            f"croissance linéaire T(5 000) / T(1 000) ≤ 5,5 : {fr(ratio, 2)} "
            f"→ {'tenu' if ratio <= 5.5 else 'NON TENU'}"
        )
    if 5000 in by_n:
        out.append(
            f"mémoire < 1 Go à N = 5 000 : {fr(by_n[5000]['peak_mb'], 0)} Mo "
            f"→ {'tenu' if by_n[5000]['peak_mb'] < 1024 else 'NON TENU'}"
        )
    regenerated = sum(r["downloads"]["regenerated"] for r in rows)
    out.append(
        "reconstruction en cache sans régénérer de téléchargement : "
        f"{regenerated} régénéré(s) → {'tenu' if regenerated == 0 else 'NON TENU'}"
    )
    return out


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "processeur inconnu",
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{cpu}, {os.cpu_count()} cœurs, {mem} Go de mémoire, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Mesure la construction du site face à MkDocs-Material seul."
    )
    parser.add_argument(
        "--tailles",
        type=int,
        nargs="+",
        default=[0, 1000, 5000],
        help="valeurs de N (0 : contenu réel ; 0 1000 5000)",
    )
    parser.add_argument(
        "--repetitions", type=int, default=3, help="répétitions par mesure, médiane retenue (3)"
    )
    parser.add_argument(
        "--temoin-max", type=int, default=1000, help="N maximal pour le témoin MkDocs-Material (1000)"
    )
    parser.add_argument("--json", type=Path, help="écrit aussi les mesures dans ce fichier JSON")
    parser.add_argument(
        "--serve",
        type=int,
        nargs="*",
        default=[0, 1000],
        help="N des corpus où mesurer make serve (0 : contenu réel ; 0 1000 ; aucun : pas de mesure)",
    )
    parser.add_argument(
        "--sans-ecrire", action="store_true", help="n'écrit pas docs/a-propos/performances.md"
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="ptce-bench-") as tmp:
        for n in args.tailles:
            reps = args.repetitions if n <= 1000 else max(1, args.repetitions - 2)
            rows.append(measure(n, reps, Path(tmp), args.temoin_max))
            if args.json:
                args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        serves = [measure_serve(n, Path(tmp), saves=5) for n in args.serve]
    for serve in serves:
        print(
            f"\nmake serve (N = {serve['n']}) : premier affichage {serve['first']:.1f} s, page servie "
            f"{serve['reload']:.2f} s après l'enregistrement d'une fiche, dont {serve['rebuild']:.2f} s de "
            f"reconstruction (médianes de {serve['saves']})"
        )
    text = table(rows)
    checks = budgets(rows)
    print(
        "\n" + text + "\n\nBudgets :\n" + "\n".join(f"- {c}" for c in checks) + f"\n\nMachine : {machine()}"
    )
    if not args.sans_ecrire:
        write_page(text, checks, rows, serves)
    return 0


def write_page(text: str, checks: list[str], rows: list[dict], serves: list[dict]) -> None:
    """Rewrites the measured part of the page; its section « Où va le temps » is written by hand (from a
    profile) and kept."""
    page = ROOT / "docs" / "a-propos" / "performances.md"
    kept = page.read_text(encoding="utf-8") if page.exists() else ""
    kept = kept[kept.index(PROFILE) : kept.rindex("\nMachine :")].rstrip() + "\n" if PROFILE in kept else ""
    lines = [
        f"| {corpus_name(s['n'])} | {fr(s['first'])} s | {fr(s['reload'], 2)} s | {fr(s['rebuild'], 2)} s | "
        f"{preview_goal(s)} |"
        for s in serves
    ]
    serve_text = (
        "**Prévisualisation (`make serve`)**, après l'enregistrement d'une fiche (son nom change : la "
        "fiche et chaque page qui la liste changent), médianes de "
        f"{serves[0]['saves']} enregistrements :\n\n"
        "| Corpus | Premier affichage | Page servie à jour | dont reconstruction | Objectif |\n"
        "|---|---|---|---|---|\n"
        + "\n".join(lines)
        + "\n\nLe reste est le temps que met le serveur à voir l'enregistrement (il regarde les fichiers "
        "toutes les 0,2 s). MkDocs reconstruit tout le site à chaque enregistrement ; la prévisualisation "
        "reprend de la reconstruction précédente la page de chaque fiche tant que ce qu'elle lit du corpus "
        "n'a pas changé (`ptce/render/reuse.py`), le HTML de chaque page dont le Markdown n'a pas changé et "
        "la page finale de chaque page dont le contexte (contenu, menu, configuration) n'a pas changé "
        "(`macros/preview.py`) ; elle ne réécrit que les fichiers qui changent (`macros/preview_serve.py`). "
        "`tests/test_apercu.py` et `tests/test_reuse.py` la comparent à une construction neuve. Elle saute "
        "la vérification des liens, que `make build` et la CI gardent, et construit l'index de recherche "
        "pendant que le navigateur recharge la page."
        if serves
        else ""
    )
    reps = ", ".join(f"N = {r['n']} : {r['repetitions']}" for r in rows)
    page.write_text(
        f"""---
title: Performances
description: Temps de construction du site comparé à MkDocs-Material seul, validation, """
        f"""poids de la carte, téléchargements et mémoire.
---

# Performances

Mesures de `maintenance/bench.py`. Pour chaque taille, le script génère un corpus synthétique de
N fiches de pôles (tous les champs, environ 400 mots) et N événements (avec programme), puis
mesure dans la même exécution :

- la construction complète du site, en mode strict : pages, index, cartes, flux, exports,
  téléchargements déjà en cache, recherche et vérification des liens ;
- la construction de MkDocs-Material seul du même nombre de pages Markdown, de même longueur :
  même thème, `navigation.prune`, recherche intégrée de Material, un menu court (les pages sont
  rangées en dossiers sans être toutes au menu, comme nos fiches), ni macros ni hooks — ce
  qu'un utilisateur de Material configurerait ; les deux constructions alternent ;
- Hugo (paquet Debian `hugo`), quand il est installé, sur les mêmes pages avec un gabarit d'une
  ligne : la référence extérieure du coût de la seule transformation Markdown → HTML ;
- la validation seule (`scripts/validate.py`) ;
- le poids de la carte de France (page HTML et données, compressées ; hors fonds de carte et Leaflet) ;
- la génération des téléchargements à froid puis avec le cache ;
- la mémoire maximale de la construction.

Chaque temps est la médiane de plusieurs exécutions ({reps}).

{text}

Budgets :

{chr(10).join(f"- {c}" for c in checks)}

{serve_text}

{kept}
Machine : {machine()}. Mesures du {time.strftime("%d/%m/%Y")}.
""",
        encoding="utf-8",
    )
    print(f"\nÉcrit : {page.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
