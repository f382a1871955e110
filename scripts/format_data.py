"""Rewrite the data files in their canonical layout (see ptce/authoring/canonical.py for the rules).

    python scripts/format_data.py                  # every file of data/poles, events, chapitres,
                                                   # ressources, actualites
    python scripts/format_data.py data/poles/x.md  # only these files (others are ignored)
    python scripts/format_data.py --verifier       # list files to reformat, change nothing (CI, pre-commit)

Exit status: 0 when every file is (now) canonical, 1 when a file does not parse
(it is reported and left untouched) or, with --verifier, needs reformatting.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ptce.authoring.canonical import check_file, data_files, kind_of
from ptce.records.errors import DataError

ROOT = Path(__file__).resolve().parent.parent


def _display(file: Path, root: Path) -> str:
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Met les fiches de data/ en forme canonique : ordre des champs, guillemets, indentation. "
        "Le sens ne change jamais ; le texte sous l'en-tête est conservé tel quel."
    )
    parser.add_argument(
        "fichiers",
        nargs="*",
        type=Path,
        help="fichiers à traiter (par défaut : toutes les fiches de data/) ; "
        "les fichiers hors de data/poles, events, chapitres, ressources et actualites sont ignorés",
    )
    parser.add_argument(
        "--verifier",
        action="store_true",
        help="ne modifie rien : liste les fichiers qui ne sont pas en forme canonique (code de sortie 1)",
    )
    parser.add_argument(
        "--racine", type=Path, default=ROOT, help="dossier du dépôt (par défaut : celui du script)"
    )
    args = parser.parse_args(argv)
    root = args.racine.resolve()
    if args.fichiers:
        files = []
        for f in args.fichiers:
            f = Path(os.path.abspath(f))  # not resolve(): a symbolic link is reported, not followed
            if kind_of(f):
                files.append(f)
    else:
        files = data_files(root)

    broken: list[DataError] = []
    to_format: list[str] = []
    for file in files:
        if not file.exists() and not file.is_symlink():
            broken.append(DataError(_display(file, root), 1, "", "fichier introuvable"))
            continue
        outcome = check_file(file, root if file.is_relative_to(root) else file.parent)
        if outcome.errors:
            broken += outcome.errors
            continue
        if outcome.changed:
            to_format.append(_display(file, root))
            if not args.verifier:
                file.write_text(outcome.text, encoding="utf-8", newline="\n")

    for error in broken:
        print(f"{error} (fichier laissé tel quel)", file=sys.stderr)
    if args.verifier:
        for name in to_format:
            print(f"{name} : pas en forme canonique")
        if to_format:
            print(
                f"\n{len(to_format)} fichier(s) à remettre en forme : python scripts/format_data.py",
                file=sys.stderr,
            )
    else:
        for name in to_format:
            print(f"{name} : remis en forme")
    n = len(files)
    summary = f"{n} fichier{'s' if n > 1 else ''} examiné{'s' if n > 1 else ''}"
    if not args.verifier:
        summary += f", {len(to_format)} remis en forme"
    if broken:
        n_broken = len({e.path for e in broken})
        s = "s" if n_broken > 1 else ""
        summary += f", {n_broken} laissé{s} tel{s} quel{s} : corrigez d'abord les erreurs ci-dessus"
    print(summary + ".", file=sys.stderr)
    return 1 if broken or (args.verifier and to_format) else 0


if __name__ == "__main__":
    sys.exit(main())
