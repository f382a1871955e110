"""Create the fiche of a new pole: data/poles/<identifiant>.md.

    python scripts/nouveau_pole.py                       # questions, one by one
    python scripts/nouveau_pole.py --nom "Pôle X" --code-postal 26100 --type pole-filiere \\
        --thematiques emploi-insertion,mobilite --source plan-action-2013 --non-interactif

The file is written only if it is new; it is then checked with the validator.
This module also holds the driver shared with scripts/nouvel_evenement.py.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ptce.authoring import drafting, scaffold
from ptce.records import duplicates
from ptce.records.corpus import load
from ptce.records.dates import build_date
from ptce.records.geo import Geo

ROOT = Path(__file__).resolve().parent.parent

WHAT = {"pole": "pôle", "evenement": "événement"}
SCRIPT = {"pole": "scripts/nouveau_pole.py", "evenement": "scripts/nouvel_evenement.py"}

_ARGPARSE_FR = [
    (r"unrecognized arguments: (.*)", r"option inconnue : \1"),
    (r"argument (\S+): expected one argument", r"l'option \1 attend une valeur"),
    (r"argument (\S+): ignored explicit argument (.*)", r"l'option \1 n'attend pas de valeur (reçu \2)"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 (possibilités : \2)"),
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "utilisation : ")


class _Parser(argparse.ArgumentParser):
    """argparse with French messages (its own are in English)."""

    def error(self, message):
        for pattern, french in _ARGPARSE_FR:
            message = re.sub(pattern, french, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"erreur : {message}\nAide : python {self.prog} --aide\n")


def build_parser(kind: str) -> argparse.ArgumentParser:
    what = WHAT[kind]
    folder = scaffold.FOLDER[kind]
    parser = _Parser(
        prog=SCRIPT[kind],
        add_help=False,
        formatter_class=_Formatter,
        description=(
            f"Crée la fiche d'un {'nouvel' if kind == 'evenement' else 'nouveau'} {what} dans data/{folder}/ "
            "(jamais par-dessus une fiche existante), puis la vérifie. Sans --non-interactif, pose une "
            "question pour chaque information manquante."
        ),
        epilog=f"Référence des champs : {scaffold.FIELDS_URL}",
    )
    parser._optionals.title = "options"
    parser.add_argument("-h", "--aide", action="help", help="affiche cette aide et quitte")
    for q in scaffold.QUESTIONS[kind]:
        help_text = q.label + (" (obligatoire)" if q.required else "")
        if q.choices and q.choices != "sources":
            help_text += f" ; valeurs : section {q.choices} de data/vocabulaires.yml"
        if q.example:
            help_text += f" ; ex. « {q.example} »"
        parser.add_argument(q.flag, dest=q.dest, metavar="VALEUR", help=help_text)
    parser.add_argument(
        "--identifiant",
        metavar="IDENTIFIANT",
        help="nom du fichier sans .md (par défaut : tiré du "
        + ("titre, précédé de la date de début" if kind == "evenement" else "nom")
        + ")",
    )
    parser.add_argument(
        "--non-interactif",
        action="store_true",
        help="ne pose aucune question : les informations obligatoires doivent être données en options",
    )
    parser.add_argument(
        "--forcer",
        action="store_true",
        help=f"crée la fiche même si un {what} au nom proche existe déjà (jamais par-dessus un fichier)",
    )
    parser.add_argument(
        "--racine", type=Path, default=ROOT, help="dossier du dépôt (par défaut : celui du script)"
    )
    return parser


class Refused(Exception):
    """Stop without writing anything: message and exit status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _repository(root: Path) -> drafting.Repository:
    try:
        return drafting.load_repository(root)
    except drafting.RepositoryError as exc:
        raise Refused(str(exc), 1) from None


class Interview:
    """Asks for what the options did not give; checks every answer at once."""

    def __init__(self, kind: str, args, context: dict, geo: Geo, ask, out):
        self.kind, self.args, self.context, self.geo = kind, args, context, geo
        self.interactive = not args.non_interactif
        self.ask, self.out = ask, out
        self.answers: dict = {}
        self.commune = None
        self.missing: list[scaffold.Question] = []
        self.errors: list[str] = []

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def _show_choices(self, q: scaffold.Question) -> None:
        options = scaffold.choices(q, self.context)
        if not options:
            return
        width = max(len(k) for k, _ in options)
        self.say("Valeurs possibles (numéro ou identifiant) :")
        for i, (key, label) in enumerate(options, 1):
            self.say(f"  {i:>2}. {key.ljust(width)}  {label}")

    def _prompt(self, q: scaffold.Question) -> str:
        suffix = "" if q.required else " (Entrée pour passer)"
        example = f" — ex. {q.example}" if q.example else ""
        return f"{q.label.capitalize()}{example}{suffix} : "

    def question(self, q: scaffold.Question) -> None:
        given = getattr(self.args, q.dest)
        if given is not None:
            try:
                self.answers[q.name] = scaffold.check_answer(q, given, self.context)
                return
            except scaffold.ScaffoldError as exc:
                if not self.interactive:
                    self.errors.append(f"{q.flag} : {exc}")
                    return
                self.say(f"{q.flag} {given!r} : {exc}")
        elif not self.interactive:
            if q.required:
                self.missing.append(q)
            return
        self.say()
        self._show_choices(q)
        while True:
            try:
                self.answers[q.name] = scaffold.check_answer(q, self.ask(self._prompt(q)), self.context)
                return
            except scaffold.ScaffoldError as exc:
                self.say(f"  ✗ {exc}. Réessayez.")

    def place(self) -> None:
        """Commune from the postal code; asks which one when several share it."""
        name = self.answers.get("commune")
        while self.answers.get("code_postal"):
            cp = self.answers["code_postal"]
            try:
                self.commune = drafting.place(self.geo, {"code_postal": cp, "commune": name})
                self.say(f"Commune : {scaffold.describe(self.geo, self.commune)}")
                return
            except scaffold.AmbiguousCommune as exc:
                if not self.interactive:
                    self.errors.append(f"--commune : {exc}")
                    return
                self.say()
                self.say(f"{exc}." if name else f"Plusieurs communes ont le code postal {cp} :")
                for i, c in enumerate(exc.candidates, 1):
                    self.say(f"  {i:>2}. {c.nom}")
                answer = self.ask("Numéro ou nom de la commune : ").strip()
                if answer.isdigit() and 1 <= int(answer) <= len(exc.candidates):
                    name = exc.candidates[int(answer) - 1].nom
                else:
                    name = answer or None
            except scaffold.ScaffoldError as exc:
                if not self.interactive:
                    self.errors.append(f"--code-postal : {exc}")
                    return
                self.say(f"  ✗ {exc}. Réessayez.")
                q = next(q for q in scaffold.QUESTIONS[self.kind] if q.name == "code_postal")
                self.answers.pop("code_postal", None)
                setattr(self.args, q.dest, None)
                self.question(q)

    def run(self) -> dict:
        for q in scaffold.QUESTIONS[self.kind]:
            if q.name == "commune":
                continue  # asked after the postal code, only when needed
            self.question(q)
            if q.name == "code_postal":
                given = self.args.commune
                if given is not None:
                    self.answers["commune"] = given.strip() or None
                self.place()
            while problem := scaffold.cross_problems(self.kind, self.answers).get(q.name):
                if not self.interactive:
                    self.errors.append(f"{q.flag} : {problem}")
                    break
                self.say(f"  ✗ {problem}. Réessayez.")
                self.answers.pop(q.name)
                setattr(self.args, q.dest, None)
                self.question(q)
        lines = []
        if self.missing:
            lines.append("Informations obligatoires manquantes (mode non interactif) :")
            lines += [
                f"  {q.flag} : {q.label}" + (f" (ex. « {q.example} »)" if q.example else "")
                for q in self.missing
            ]
        if self.errors:
            lines.append("Valeurs refusées :")
            lines += [f"  {e}" for e in self.errors]
        if lines:
            lines.append(
                "Corrigez les options, ou relancez sans --non-interactif pour répondre aux questions."
            )
            raise Refused("\n".join(lines), 2)
        return self.answers


def _confirm(ask, out, message: str) -> bool:
    print(message, file=out)
    return ask("Créer quand même une nouvelle fiche ? (o/N) : ").strip().lower() in ("o", "oui", "y")


def run(kind: str, argv: list[str] | None = None, ask=input, out=None, err=None) -> int:
    """Shared by both scripts; returns the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    args = build_parser(kind).parse_args(argv)
    root = args.racine.resolve()
    try:
        if not (root / "data" / "vocabulaires.yml").is_file():
            raise Refused(
                f"{root} n'est pas un dépôt ptce.fr (data/vocabulaires.yml introuvable) : vérifiez --racine",
                2,
            )
        repo = _repository(root)
        interview = Interview(kind, args, repo.context(kind), repo.geo, ask, out)
        answers = interview.run()
        slug = scaffold.make_slug(kind, answers, args.identifiant, repo.docs)
        if args.identifiant and (root / scaffold.relative_path(kind, slug)).exists():
            raise Refused(
                f"{scaffold.relative_path(kind, slug)} existe déjà : aucune fiche n'a été écrite. "
                "Complétez ce fichier, ou choisissez un autre identifiant avec --identifiant.",
                1,
            )
        found = drafting.probable_duplicates(kind, slug, answers, interview.commune, repo)
        if found and (duplicates.certain(found) or not args.forcer):
            message = scaffold.duplicate_message(kind, found)
            if args.non_interactif or not _confirm(ask, out, "\n" + message):
                raise Refused(message if args.non_interactif else "Aucune fiche n'a été écrite.", 1)
        slug = drafting.free_slug(kind, slug, repo)
        draft = drafting.render(
            kind, slug, scaffold.fiche_data(kind, answers, interview.commune, build_date())
        )
        rel = draft.path
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(draft.text)
    except scaffold.ScaffoldError as exc:
        print(f"Erreur : {exc}", file=err)
        return 2
    except Refused as exc:
        print(str(exc), file=err)
        return exc.status
    except KeyboardInterrupt:
        print("\nInterrompu : aucune fiche n'a été écrite.", file=err)
        return 130
    except EOFError:
        print(
            "\nFin de la saisie : aucune fiche n'a été écrite. Relancez, ou donnez les informations "
            "en options avec --non-interactif.",
            file=err,
        )
        return 2
    return _report(kind, root, rel, slug, answers, out, err)


def _report(kind: str, root: Path, rel: str, slug: str, answers: dict, out, err) -> int:
    errors = [e for e in load(root).errors if e.path == rel]
    print(f"\nFiche créée : {rel}", file=out)
    if errors:
        print("La fiche a des erreurs à corriger :", file=err)
        for e in errors:
            print(f"  {e}", file=err)
    else:
        print("Elle est valide.", file=out)
    steps = [
        f"Ouvrez {rel} et complétez-la : "
        "remplacez le texte d'exemple par une présentation rédigée avec vos mots, "
        "ajoutez les champs connus (voir la référence des champs : " + scaffold.FIELDS_URL + ").",
        "Vérifiez toutes les fiches : python scripts/validate.py",
        f"Prévisualisez le site : make serve, puis ouvrez {scaffold.page_url(kind, slug)}",
        "Enregistrez sur une branche et proposez une demande de fusion (pull request) : "
        f"git switch -c {slug}, "
        f"git add {rel}, git commit, git push, puis ouvrez la pull request (voir CONTRIBUTING.md).",
    ]
    if not answers.get("sources"):
        steps.insert(
            1,
            "Indiquez vos sources : décrivez le document dans data/sources.yml, puis ajoutez son "
            "identifiant au champ sources de la fiche.",
        )
    print("\nEt maintenant :", file=out)
    for i, step in enumerate(steps, 1):
        print(f"  {i}. {step}", file=out)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    return run("pole", argv)


if __name__ == "__main__":
    sys.exit(main())
