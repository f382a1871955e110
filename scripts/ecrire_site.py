"""Write the whole site as real files for Zensical, which runs no MkDocs hook; then finish what it built.

    python scripts/ecrire_site.py                      # writes .cache/arbre/
    cd .cache/arbre && zensical build                  # builds .cache/arbre/site/
    python scripts/ecrire_site.py --finir              # edit links, search index, link check
    python scripts/ecrire_site.py --sortie /tmp/arbre --site-url https://exemple.org/

The folder gets docs/ (the pages of docs/ and every page and file the hooks would add, from the same
`ptce.site.plan`), overrides/, a mkdocs.yml without hooks, and the macros of the trusted pages; what the
hooks do per page is done by the Markdown extension ptce.tree (see ptce/tree.py).
Exit status: 0; 1 when the corpus or the plan gave a warning (what makes `mkdocs build --strict` fail) or,
with --finir, a link is broken; 2 when the folder cannot be used.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from ptce import site
from ptce.records.corpus import load_cached
from ptce.records.dates import build_date
from ptce.render import maps
from ptce.tree import MANIFEST, TreeError, finish_site, write_tree

ROOT = Path(__file__).resolve().parent.parent
MACROS = ROOT / "maintenance" / "portabilite" / "macros_arbre.py"
DROPPED = ("hooks", "watch")  # the hooks' work is done by ptce.tree; the watched folders are not in the tree


def tree_config(project: dict, site_url: str, root: Path, dest: Path) -> dict:
    """The project's mkdocs.yml for the tree: no hooks; the macros through macros_arbre.py; the per-page
    work of the hooks through the Markdown extension ptce.tree."""
    config = {key: value for key, value in project.items() if key not in DROPPED}
    config["site_url"] = site_url
    config["extra"] = {**(project.get("extra") or {}), "ptce_depot": str(root)}
    plugins = []
    for plugin in project.get("plugins") or []:
        if isinstance(plugin, dict) and "macros" in plugin:
            plugin = {"macros": {**plugin["macros"], "module_name": "macros_arbre"}}
        plugins.append(plugin)
    config["plugins"] = plugins
    extension = {"ptce.tree": {"manifeste": str(dest / MANIFEST)}}
    config["markdown_extensions"] = [*(project.get("markdown_extensions") or []), extension]
    return config


def edit_base(project: dict) -> str:
    return project.get("repo_url", "").rstrip("/") + "/" + project.get("edit_uri", "").strip("/") + "/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Écrit le site entier en fichiers (pages de docs/ et pages générées depuis data/) "
        "pour le construire avec Zensical, qui n’exécute pas les hooks de MkDocs\u00a0; puis, avec "
        "--finir, termine le site construit (liens « Modifier cette page », index de recherche, "
        "vérification des liens).",
    )
    parser.add_argument(
        "--racine", type=Path, default=ROOT, help="dossier du dépôt (par défaut\u00a0: celui du script)"
    )
    parser.add_argument(
        "--sortie",
        type=Path,
        default=ROOT / ".cache" / "arbre",
        help="dossier à écrire (par défaut\u00a0: .cache/arbre)\u00a0; vide, absent ou déjà écrit par ce "
        "programme",
    )
    parser.add_argument(
        "--site-url",
        help="adresse publique du site (par défaut\u00a0: site_url de mkdocs.yml, sinon https://ptce.fr/)",
    )
    parser.add_argument(
        "--finir",
        action="store_true",
        help="après «\u00a0zensical build\u00a0» dans le dossier de sortie\u00a0: termine son site/ au lieu "
        "d’écrire l’arbre",
    )
    args = parser.parse_args(argv)
    root = args.racine.resolve()
    project = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = args.site_url or project.get("site_url") or site.SITE_URL
    dest = args.sortie.resolve()
    if args.finir:
        return finish(root, dest, site_url, project)
    settings = site.Settings(
        root, site_url, maps.tiles(project.get("extra")), build_date(), project.get("repo_url")
    )
    warnings: list[str] = []

    def warn(message: str) -> None:
        warnings.append(message)
        print(f"Attention\u00a0: {message}", file=sys.stderr)

    corpus = load_cached(root)
    for error in corpus.errors:
        warn(str(error))
    try:
        written = write_tree(root, dest, settings, warn, corpus)
    except TreeError as exc:
        print(exc, file=sys.stderr)
        return 2
    shutil.copyfile(MACROS, dest / "macros_arbre.py")
    (dest / "mkdocs.yml").write_text(
        "# Written by scripts/ecrire_site.py from the project's mkdocs.yml: do not edit.\n"
        + yaml.safe_dump(tree_config(project, site_url, root, dest), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    print(f"{len(written)} pages et fichiers générés écrits dans {dest}/docs, avec les pages de docs/.")
    if warnings:
        n = len(warnings)
        print(f"{n} avertissement{'s' if n > 1 else ''}\u00a0: le site serait incomplet.", file=sys.stderr)
        return 1
    return 0


def finish(root: Path, dest: Path, site_url: str, project: dict) -> int:
    built = dest / "site"
    if not (built / "index.html").is_file():
        print(
            f"{built}\u00a0: aucun site construit (lancer d’abord «\u00a0zensical build\u00a0» dans {dest})"
        )
        return 2
    problems = finish_site(dest, built, root, site_url, edit_base(project))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        n = len(problems)
        print(f"{n} problème{'s' if n > 1 else ''} de liens dans {built}.", file=sys.stderr)
        return 1
    print(f"Site terminé dans {built}\u00a0: liens de modification, index de recherche, liens vérifiés.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
