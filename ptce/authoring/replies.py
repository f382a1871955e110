"""What the form bot writes on GitHub, in French: the pull request (title, body, commit message) and its one
comment on the issue. Pure: scripts/formulaire.py sends them.

Everything a contributor typed is data here too. In the pull request body it sits in code (a code span or
a fenced block longer than any run of backticks it holds), where GitHub makes no link, no mention and no
« Closes #n » of it; titles and commit messages hold only the fiche's file name, never an answer, since a
closing keyword in a merged commit message would close another issue. In the comment, problem lines are
escaped for Markdown and their « @ » and « # » cannot form a mention or a reference.
"""

from __future__ import annotations

import re

from ptce.authoring.forms import Outcome
from ptce.authoring.formspec import FIX_LABEL, FORMS, SITE
from ptce.records.kinds import BY_FOLDER
from ptce.text.typography import french

MARKER = "<!-- formulaire-ptce -->"  # finds the bot's own comment again, and marks its pull requests
MANUAL_LABEL = "correction-manuelle"  # a correction without a line to apply: for a maintainer
PR_NUMBER = "{numero_pr}"  # replaced by scripts/formulaire.py once the pull request exists
JOINER = "\u2060"  # WORD JOINER: « @\u2060x » is no mention, « #\u206012 » no reference

_MARKDOWN = re.compile(r"([\\`*_\[\]{}<>|~!])")
_LOGIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")


def safe_login(login: str) -> str:
    """A GitHub login as GitHub allows it, or a neutral word (the event is GitHub's, but never trusted)."""
    return login if _LOGIN.match(login or "") else "contributrice ou contributeur"


def escape(text: str) -> str:
    """Plain text inside Markdown: no markup, no HTML, no mention, no issue reference."""
    return _MARKDOWN.sub(r"\\\1", text).replace("@", "@" + JOINER).replace("#", "#" + JOINER)


def code(text: str) -> str:
    """A code span that holds text whatever backticks it has (one line)."""
    text = " ".join(text.split())
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (run + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def block(text: str, language: str = "text") -> str:
    """A fenced code block that holds text whatever it has."""
    run = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (run + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def page_of(path: str) -> str:
    folder, _, name = path.removeprefix("data/").partition("/")
    address = BY_FOLDER[folder].address(name.removesuffix(".md")).removesuffix(".md")
    return f"{SITE}/{address}/"


def branch(issue: int) -> str:
    return f"formulaire/issue-{int(issue)}"


def _slug(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".md")


def pr_title(outcome: Outcome, issue: int) -> str:
    assert outcome.path
    if outcome.created:
        what = "nouveau pôle" if outcome.kind == "pole" else "nouvel événement"
    else:
        what = "correction de"
    return french(f"Formulaire : {what} {_slug(outcome.path)} (issue #{int(issue)})")


def co_author(login: str, user_id: int) -> str | None:
    """The Co-authored-by trailer GitHub credits: the author's no-reply address."""
    if not _LOGIN.match(login or "") or login.endswith("[bot]"):
        return None
    return f"Co-authored-by: {login} <{int(user_id)}+{login}@users.noreply.github.com>"


def commit_message(outcome: Outcome, issue: int, login: str, user_id: int) -> str:
    assert outcome.path
    what = "nouvelle fiche" if outcome.created else "correction de"
    lines = [f"Formulaire, issue #{int(issue)} : {what} {outcome.path}"]
    trailer = co_author(login, user_id)
    if trailer:
        lines += ["", trailer]
    return "\n".join(lines) + "\n"


def _front_matter(text: str) -> str:
    """The fields of a fiche (its leading comment block left out)."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    fields = lines[1:end]
    while fields and (fields[0].startswith("#") or not fields[0].strip()):
        fields.pop(0)
    return "\n".join(fields)


def pr_body(outcome: Outcome, issue: int, login: str) -> str:
    """The pull request's description: who proposed what, the fiche's fields, what to check; French
    typography in the bot's own sentences only (never inside the fiche's text, shown as it is)."""
    assert outcome.path and outcome.text is not None
    form = FORMS[outcome.form]
    who = safe_login(login)
    out = []
    if outcome.created:
        out.append(
            french(
                f"Fiche proposée par @{who} avec le formulaire « {form.name} » (issue #{int(issue)}) ; le "
                "robot l'a vérifiée avec les règles du site."
            )
        )
        out.append(french("**Fichier** : ") + f"`{outcome.path}`, " + french(f"page {page_of(outcome.path)}"))
        out.append(french("**Champs de la fiche** :") + "\n\n" + block(_front_matter(outcome.text), "yaml"))
        body = outcome.text.split("\n---\n", 1)[1].strip() if "\n---\n" in outcome.text else ""
        out.append(
            french(
                f"**Présentation** : {len(body)} caractères (voir le fichier)."
                if body
                else "**Présentation** : aucune."
            )
        )
    else:
        out.append(
            french(
                f"Correction proposée par @{who} avec le formulaire « {form.name} » (issue #{int(issue)}) ; "
                "le robot l'a vérifiée avec les règles du site."
            )
        )
        out.append(french("**Fiche** : ") + f"`{outcome.path}`, {page_of(outcome.path)}")
        changes = [
            f"- {french(label)}\u00a0: {code(before) if before else '(vide)'} → "
            f"{code(after) if after else '(retiré)'}"
            for label, before, after in outcome.changes
        ]
        out.append(french("**Modifications** :") + "\n\n" + "\n".join(changes))
        if outcome.explanation:
            out.append(french("**Explication du contributeur** :") + "\n\n" + block(outcome.explanation))
    if outcome.notes:
        out.append(
            french("**À vérifier par l'équipe** :")
            + "\n\n"
            + "\n".join(f"- {code(n)}" for n in outcome.notes)
        )
    out.append(
        french(
            "Avant de fusionner : relisez la fiche (sources citées, rien d'inventé, coordonnées directes "
            "d'une personne seulement avec son accord). Une pull request ouverte par le robot ne lance pas "
            "la vérification automatique : fermez-la puis rouvrez-la pour la lancer. Si le contributeur "
            "modifie l'issue, le robot met à jour cette branche."
        )
    )
    out.append(f"Closes #{int(issue)}")
    out.append(MARKER)
    return "\n\n".join(out) + "\n"


def _greeting(login: str) -> str:
    return f"Merci @{safe_login(login)} !"


def problems_comment(outcome: Outcome, login: str) -> str:
    n = len(outcome.problems)
    what = (
        "la fiche puisse être proposée"
        if outcome.form != "correction"
        else "la correction puisse être proposée"
    )
    head = (
        f"{_greeting(login)} Le robot a relu vos réponses : "
        + (f"{n} problèmes sont à corriger" if n > 1 else "un problème est à corriger")
        + f" avant que {what}."
    )
    lines = "\n".join(f"- {escape(french(p))}" for p in outcome.problems)
    tail = (
        "Pour corriger : modifiez l'issue (menu « … » en haut de votre message, puis « Edit »), changez les "
        "réponses concernées et enregistrez. Le robot relira vos réponses et mettra ce commentaire à jour. "
        f"Le guide : {SITE}/contribuer/."
    )
    return f"{MARKER}\n{french(head)}\n\n{lines}\n\n{french(tail)}\n"


def success_comment(outcome: Outcome, login: str) -> str:
    """The comment once the pull request exists (PR_NUMBER stands for its number)."""
    assert outcome.path
    what = "propose la fiche" if outcome.created else "corrige la fiche"
    text = (
        f"{_greeting(login)} Vos réponses sont valides : la pull request #{PR_NUMBER} {what} "
        f"`{outcome.path}`. Une personne de l'équipe la relira avant publication. Si vous modifiez l'issue, "
        "le robot mettra à jour la même pull request."
    )
    return f"{MARKER}\n{french(text)}\n"


def manual_comment(outcome: Outcome, login: str) -> str:
    text = (
        f"{_greeting(login)} Votre demande ne contient pas de ligne « Nom du champ : valeur » que le robot "
        "puisse appliquer : aucune pull request n'est ouverte, et l'équipe fera la correction à partir de "
        "votre explication. Pour aller plus vite, modifiez l'issue et ajoutez dans « Modifications » une "
        "ligne par information à changer (par exemple « Site web : https://www.exemple.org »)."
    )
    return f"{MARKER}\n{french(text)}\n"


LABELS = (FIX_LABEL, MANUAL_LABEL)  # the only labels the bot puts or removes
