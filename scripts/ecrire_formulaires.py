"""Write the issue forms of .github/ISSUE_TEMPLATE/ from the models (ptce/authoring/formspec.py).

    python scripts/ecrire_formulaires.py              # rewrite the three forms
    python scripts/ecrire_formulaires.py --verifier   # exit status 1 if a committed form differs

Run it after changing a model, a vocabulary or a question: the bot reads the answers with the same
questions (ptce/authoring/forms.py), so a form written by hand would drift from what it expects.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ptce.authoring import formspec
from ptce.records.sourcefile import read_file

ROOT = Path(__file__).resolve().parent.parent
FOLDER = Path(".github") / "ISSUE_TEMPLATE"


def expected(root: Path) -> dict[Path, str]:
    """Each form's file and its text, from the models and the repository's vocabularies."""
    src = read_file(root / "data" / "vocabulaires.yml", root, front_matter=False)
    if src.errors:
        raise SystemExit("\n".join(str(e) for e in src.errors))
    return {
        root / FOLDER / form.file: formspec.form_yaml(form, src.data or {})
        for form in formspec.FORMS.values()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Écrit les formulaires d'issue à partir des modèles.")
    parser.add_argument("--verifier", action="store_true", help="vérifie sans écrire (code 1 si différent)")
    parser.add_argument("--racine", type=Path, default=ROOT, help="dossier du dépôt")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected(args.racine).items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path.relative_to(args.racine).as_posix())
        if not args.verifier:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    if args.verifier and stale:
        print(
            "Formulaires à régénérer (python scripts/ecrire_formulaires.py) : " + ", ".join(stale),
            file=sys.stderr,
        )
        return 1
    print(("Formulaires réécrits : " + ", ".join(stale)) if stale else "Formulaires à jour.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
