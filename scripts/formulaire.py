"""The form bot: an issue opened or edited with one of the forms becomes a pull request, or a comment that
lists what to fix (.github/workflows/formulaire.yml runs it).

    python scripts/formulaire.py convertir EVENEMENT.json RESULTAT.json   # no token: reads the issue
    python scripts/formulaire.py publier RESULTAT.json                      # token: talks to GitHub
    python scripts/formulaire.py tout EVENEMENT.json                        # both, one after the other

The issue is read from the event file GitHub gives the workflow ($GITHUB_EVENT_PATH), never from the
command line or an expression: its text is hostile. `convertir` turns it into a decision (the fiche's
file and text, or the problems) with ptce/authoring/forms.py, and checks the new file with the whole
validator on a copy of data/; it needs no token. `publier` sends that decision through GitHub's REST API
(urllib; GITHUB_API_URL, GITHUB_REPOSITORY and GITHUB_TOKEN from the environment, so the tests point it
at a local stub): branch formulaire/issue-<n> through the git refs and contents API, one pull request,
one comment found again by its hidden marker, the label « a-corriger ». It writes only under data/poles/
and data/events/, whatever the decision file says. It imports nothing beyond the standard library: the
workflow's publishing job installs nothing.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import shutil
import sys
import tempfile
import traceback
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = re.compile(r"^data/(?:poles|events)/[a-z0-9]+(?:-[a-z0-9]+)*\.md$")  # the only files it may write
BOT = "github-actions[bot]"  # whose comment is the bot's (FORMULAIRE_ROBOT overrides it)
MARKER = "<!-- formulaire-ptce -->"  # ptce/authoring/replies.py MARKER
PR_NUMBER = "{numero_pr}"  # ptce/authoring/replies.py PR_NUMBER
LABELS = {"a-corriger", "correction-manuelle"}  # the only labels it puts or removes
FORM_LABEL = "formulaire"
FORM_KINDS = ("pole", "evenement", "correction")
INTERNAL = (
    "vos réponses n'ont pas pu être lues à cause d'une erreur du robot ; l'équipe la voit dans le journal "
    "du workflow et reviendra vers vous"
)


class Refused(Exception):
    """A decision file the publisher will not act on."""


# --------------------------------------------------------------------------- convertir (no token)


def read_event(path: Path) -> dict:
    event = json.loads(Path(path).read_text(encoding="utf-8"))
    issue = event.get("issue") or {}
    user = issue.get("user") or {}
    labels = [label.get("name") for label in issue.get("labels") or [] if isinstance(label, dict)]
    forms = [name for name in FORM_KINDS if name in labels] if FORM_LABEL in labels else []
    return {
        "issue": int(issue.get("number") or 0),
        "body": issue.get("body") or "",
        "open": issue.get("state", "open") == "open" and "pull_request" not in issue,
        "login": str(user.get("login") or ""),
        "user_id": int(user.get("id") or 0),
        "form": forms[0] if len(forms) == 1 else None,
        "default_branch": str((event.get("repository") or {}).get("default_branch") or "main"),
    }


def whole_check(root: Path, path: str, text: str) -> list:
    """The validator on a copy of data/ holding the new file: what `scripts/validate.py` will say of it
    once merged (duplicates by the build's own rule, references, images…)."""
    from ptce.records.corpus import load

    with tempfile.TemporaryDirectory(prefix="formulaire-") as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "data", copy / "data", ignore=shutil.ignore_patterns("geo"), symlinks=True)
        (copy / "data" / "geo").symlink_to((root / "data" / "geo").resolve())
        target = copy / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        return [e for e in load(copy).errors if e.path == path]


def convert(event_path: Path, root: Path = ROOT) -> dict:
    """The decision for one issue event, as the JSON the publisher reads."""
    from ptce.authoring import drafting, forms, replies

    event = read_event(event_path)
    decision = {"issue": event["issue"], "default_branch": event["default_branch"], "action": "ignore"}
    if not event["open"] or event["form"] is None or event["issue"] <= 0:
        return decision
    repo = drafting.load_repository(root)
    try:
        outcome = forms.convert(event["form"], event["body"], repo)
        if outcome.ok and outcome.text is not None and outcome.path:
            errors = whole_check(root, outcome.path, outcome.text)
            if errors:
                outcome.problems += forms.describe_errors(outcome, errors, repo)
    except Exception:  # noqa: BLE001 (the contributor hears of it; the log keeps the trace for the team)
        traceback.print_exc()
        outcome = forms.Outcome(event["form"], [forms.line("Robot", INTERNAL)])
    login = event["login"]
    if not outcome.ok:
        decision.update(action="problems", comment=replies.problems_comment(outcome, login))
    elif outcome.manual:
        decision.update(action="manual", comment=replies.manual_comment(outcome, login))
    else:
        assert outcome.path and outcome.text is not None
        decision.update(
            action="pull_request",
            branch=replies.branch(event["issue"]),
            files={outcome.path: outcome.text},
            title=replies.pr_title(outcome, event["issue"]),
            body=replies.pr_body(outcome, event["issue"], login),
            commit_message=replies.commit_message(outcome, event["issue"], login, event["user_id"]),
            comment=replies.success_comment(outcome, login),
        )
    return decision


# --------------------------------------------------------------------------- publier (token)


class GitHub:
    """The few REST calls the bot makes, with urllib."""

    def __init__(self, api: str, token: str, repository: str):
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository):
            raise Refused(f"GITHUB_REPOSITORY invalide : {repository!r}")
        self.api, self.token, self.repository = api.rstrip("/"), token, repository

    def call(self, method: str, path: str, body: dict | None = None, missing_ok: bool = False):
        url = f"{self.api}/repos/{self.repository}/{path}"
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "ptce-formulaire")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code in (404, 422):
                return None
            detail = exc.read().decode("utf-8", errors="replace")[:500]
            raise RuntimeError(f"GitHub {method} {path} : {exc.code} {detail}") from None
        return json.loads(raw) if raw else {}


def _quote(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def check_decision(decision: dict) -> dict:
    """What the publisher acts on, whatever produced the file: an issue number, files under data/poles/
    and data/events/ only, the branch of that issue, known labels."""
    issue = decision.get("issue")
    if not isinstance(issue, int) or issue <= 0:
        raise Refused("numéro d'issue invalide")
    action = decision.get("action")
    if action not in ("ignore", "problems", "manual", "pull_request"):
        raise Refused(f"action inconnue : {action!r}")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", str(decision.get("default_branch", ""))):
        raise Refused("branche par défaut invalide")
    if action == "pull_request":
        files = decision.get("files")
        if not isinstance(files, dict) or not files:
            raise Refused("aucun fichier à écrire")
        for path, text in files.items():
            if not ALLOWED.fullmatch(path) or not isinstance(text, str):
                raise Refused(f"le robot n'écrit que dans data/poles/ et data/events/ : {path!r} refusé")
        if decision.get("branch") != f"formulaire/issue-{issue}":
            raise Refused("branche invalide")
    return decision


def upsert_comment(gh: GitHub, issue: int, body: str, bot: str) -> None:
    """One comment of the bot's per issue: the one with the marker, updated; created the first time."""
    page = 1
    while True:
        comments = gh.call("GET", f"issues/{issue}/comments?per_page=100&page={page}") or []
        for c in comments:
            if MARKER in (c.get("body") or "") and (c.get("user") or {}).get("login") == bot:
                if c.get("body") != body:
                    gh.call("PATCH", f"issues/comments/{int(c['id'])}", {"body": body})
                return
        if len(comments) < 100:
            break
        page += 1
    gh.call("POST", f"issues/{issue}/comments", {"body": body})


def set_labels(gh: GitHub, issue: int, add: set[str], remove: set[str]) -> None:
    assert add | remove <= LABELS
    if add:
        gh.call("POST", f"issues/{issue}/labels", {"labels": sorted(add)})
    for name in sorted(remove):
        gh.call("DELETE", f"issues/{issue}/labels/{urllib.parse.quote(name)}", missing_ok=True)


def _content(gh: GitHub, path: str, ref: str) -> tuple[str | None, str | None]:
    """(text, blob sha) of a file on a branch, (None, None) when it is not there."""
    found = gh.call("GET", f"contents/{_quote(path)}?ref={urllib.parse.quote(ref, safe='')}", missing_ok=True)
    if not found or not isinstance(found, dict) or found.get("type", "file") != "file":
        return None, None
    text = base64.b64decode(found.get("content") or "").decode("utf-8", errors="replace")
    return text, found.get("sha")


def publish_pull_request(gh: GitHub, decision: dict, bot: str) -> int:
    issue, base, head = decision["issue"], decision["default_branch"], decision["branch"]
    message = decision["commit_message"]
    base_sha = gh.call("GET", f"git/ref/heads/{_quote(base)}")["object"]["sha"]
    if gh.call("GET", f"git/ref/heads/{_quote(head)}", missing_ok=True) is None:
        gh.call("POST", "git/refs", {"ref": f"refs/heads/{head}", "sha": base_sha})
    # a file the branch changed on an earlier run and that this run does not write goes back to main's
    compared = gh.call("GET", f"compare/{_quote(base)}...{_quote(head)}") or {}
    for changed in compared.get("files") or []:
        path = changed.get("filename", "")
        if path in decision["files"] or not ALLOWED.fullmatch(path):
            continue
        original, _ = _content(gh, path, base)
        _, sha = _content(gh, path, head)
        if original is None and sha:
            gh.call("DELETE", f"contents/{_quote(path)}", {"message": message, "sha": sha, "branch": head})
        elif original is not None:
            _write(gh, path, original, sha, head, message)
    for path, text in decision["files"].items():
        current, sha = _content(gh, path, head)
        if current != text:
            _write(gh, path, text, sha, head, message)
    owner = gh.repository.split("/")[0]
    query = urllib.parse.urlencode({"head": f"{owner}:{head}", "state": "open"})
    existing = gh.call("GET", f"pulls?{query}") or []
    fields = {"title": decision["title"], "body": decision["body"]}
    if existing:
        number = int(existing[0]["number"])
        gh.call("PATCH", f"pulls/{number}", fields)
    else:
        created = gh.call(
            "POST", "pulls", {**fields, "head": head, "base": base, "maintainer_can_modify": True}
        )
        number = int(created["number"])
    upsert_comment(gh, issue, decision["comment"].replace(PR_NUMBER, str(number)), bot)
    set_labels(gh, issue, set(), LABELS)
    return number


def _write(gh: GitHub, path: str, text: str, sha: str | None, branch: str, message: str) -> None:
    assert ALLOWED.fullmatch(path)
    body = {
        "message": message,
        "content": base64.b64encode(text.encode("utf-8")).decode("ascii"),
        "branch": branch,
    }
    if sha:
        body["sha"] = sha
    gh.call("PUT", f"contents/{_quote(path)}", body)


def publish(decision: dict, env: dict | None = None) -> str:
    env = dict(os.environ if env is None else env)
    decision = check_decision(decision)
    if decision["action"] == "ignore":
        return "Rien à faire : ce n'est pas une issue ouverte avec un formulaire."
    gh = GitHub(
        env.get("GITHUB_API_URL", "https://api.github.com"),
        env.get("GITHUB_TOKEN", ""),
        env["GITHUB_REPOSITORY"],
    )
    bot = env.get("FORMULAIRE_ROBOT") or BOT
    issue = decision["issue"]
    if decision["action"] == "problems":
        upsert_comment(gh, issue, decision["comment"], bot)
        set_labels(gh, issue, {"a-corriger"}, {"correction-manuelle"})
        return f"Issue #{issue} : problèmes signalés en commentaire."
    if decision["action"] == "manual":
        upsert_comment(gh, issue, decision["comment"], bot)
        set_labels(gh, issue, {"correction-manuelle"}, {"a-corriger"})
        return f"Issue #{issue} : correction transmise à l'équipe."
    number = publish_pull_request(gh, decision, bot)
    return f"Issue #{issue} : pull request #{number} à jour."


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/formulaire.py",
        description="Le robot des formulaires : une issue devient une pull request, ou un commentaire.",
    )
    parser.add_argument(
        "--racine", type=Path, default=ROOT, help="dossier du dépôt (par défaut : celui du script)"
    )
    sub = parser.add_subparsers(dest="etape", required=True)
    step = sub.add_parser("convertir", help="lit l'issue, sans jeton : écrit la décision")
    step.add_argument("evenement", type=Path)
    step.add_argument("resultat", type=Path)
    step = sub.add_parser("publier", help="applique la décision sur GitHub (GITHUB_TOKEN)")
    step.add_argument("resultat", type=Path)
    step = sub.add_parser("tout", help="les deux à la suite")
    step.add_argument("evenement", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.etape == "convertir":
            decision = convert(args.evenement, args.racine)
            args.resultat.write_text(json.dumps(decision, ensure_ascii=False), encoding="utf-8")
            print(f"Issue #{decision['issue']} : {decision['action']}")
        elif args.etape == "publier":
            print(publish(json.loads(args.resultat.read_text(encoding="utf-8"))))
        else:
            print(publish(convert(args.evenement, args.racine)))
    except Refused as exc:
        print(f"Refusé : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
