"""scripts/formulaire.py end to end, against a fake GitHub: a local HTTP server that keeps branches, files,
pull requests, comments and labels the way the REST API does, and records every request.

The script runs as the workflow runs it: a subprocess with GITHUB_API_URL, GITHUB_REPOSITORY and
GITHUB_TOKEN in its environment and the event file GitHub would give it; the issue bodies are the
fixtures of tests/formulaires/ (the exact Markdown GitHub writes).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import ROOT, fixture_data

SCRIPT = ROOT / "scripts" / "formulaire.py"
BODIES = Path(__file__).parent / "formulaires"
REPOSITORY = "ptce-fr/ptce.fr"
TOKEN = "jeton-de-test"
BOT = "github-actions[bot]"


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class FakeGitHub:
    """Just enough of GitHub's REST API for the bot, with the same answers to the same mistakes."""

    def __init__(self, main: dict[str, str]):
        self.branches: dict[str, dict[str, str]] = {"main": dict(main)}
        self.pulls: list[dict] = []
        self.comments: dict[int, list[dict]] = {}
        self.labels: dict[int, set[str]] = {}
        self.commits: list[dict] = []
        self.requests: list[tuple[str, str, dict | None]] = []
        self.next_id = 1000
        self.lock = threading.Lock()

    def handle(self, method: str, url: str, body: dict | None, auth: str) -> tuple[int, object]:
        with self.lock:
            self.requests.append((method, url, body))
            if auth != f"Bearer {TOKEN}":
                return 401, {"message": "Bad credentials"}
            split = urlsplit(url)
            prefix = f"/repos/{REPOSITORY}/"
            if not split.path.startswith(prefix):
                return 404, {"message": "Not Found"}
            return self.route(method, unquote(split.path[len(prefix) :]), parse_qs(split.query), body or {})

    def route(self, method: str, path: str, query: dict, body: dict):  # noqa: C901 (one table of routes)
        q = {k: v[0] for k, v in query.items()}
        if m := re.fullmatch(r"git/ref/heads/(.+)", path):
            if m[1] not in self.branches:
                return 404, {"message": "Not Found"}
            return 200, {"ref": f"refs/heads/{m[1]}", "object": {"sha": self.head(m[1])}}
        if path == "git/refs" and method == "POST":
            name = body["ref"].removeprefix("refs/heads/")
            if name in self.branches:
                return 422, {"message": "Reference already exists"}
            assert body["sha"] == self.head("main")
            self.branches[name] = dict(self.branches["main"])
            return 201, {"ref": body["ref"]}
        if m := re.fullmatch(r"compare/([^.]+)\.\.\.(.+)", path):
            base, head = self.branches[m[1]], self.branches[m[2]]
            files = [
                {
                    "filename": p,
                    "status": "added" if p not in base else "removed" if p not in head else "modified",
                }
                for p in sorted(set(base) | set(head))
                if base.get(p) != head.get(p)
            ]
            return 200, {"files": files}
        if m := re.fullmatch(r"contents/(.+)", path):
            return self.contents(method, m[1], q, body)
        if path == "pulls" and method == "GET":
            owner, _, head = q["head"].partition(":")
            assert owner == REPOSITORY.split("/")[0]
            return 200, [p for p in self.pulls if p["head"] == head and p["state"] == q.get("state", "open")]
        if path == "pulls" and method == "POST":
            if self.branches[body["head"]] == self.branches[body["base"]]:
                return 422, {"message": f"No commits between {body['base']} and {body['head']}"}
            pull = {**body, "number": len(self.pulls) + 100, "state": "open"}
            self.pulls.append(pull)
            return 201, pull
        if (m := re.fullmatch(r"pulls/(\d+)", path)) and method == "PATCH":
            pull = next(p for p in self.pulls if p["number"] == int(m[1]))
            pull.update(body)
            return 200, pull
        if m := re.fullmatch(r"issues/(\d+)/comments", path):
            comments = self.comments.setdefault(int(m[1]), [])
            if method == "POST":
                self.next_id += 1
                comments.append({"id": self.next_id, "body": body["body"], "user": {"login": BOT}})
                return 201, comments[-1]
            page, size = int(q.get("page", 1)), int(q.get("per_page", 30))
            return 200, comments[(page - 1) * size : page * size]
        if (m := re.fullmatch(r"issues/comments/(\d+)", path)) and method == "PATCH":
            comment = next(c for cs in self.comments.values() for c in cs if c["id"] == int(m[1]))
            if comment["user"]["login"] != BOT:
                return 403, {"message": "Must have admin rights"}
            comment["body"] = body["body"]
            return 200, comment
        if (m := re.fullmatch(r"issues/(\d+)/labels", path)) and method == "POST":
            self.labels.setdefault(int(m[1]), set()).update(body["labels"])
            return 200, [{"name": n} for n in sorted(self.labels[int(m[1])])]
        if (m := re.fullmatch(r"issues/(\d+)/labels/(.+)", path)) and method == "DELETE":
            labels = self.labels.setdefault(int(m[1]), set())
            if m[2] not in labels:
                return 404, {"message": "Label does not exist"}
            labels.discard(m[2])
            return 200, [{"name": n} for n in sorted(labels)]
        return 404, {"message": f"route inconnue {method} {path}"}

    def contents(self, method: str, path: str, q: dict, body: dict):
        branch = q.get("ref") if method == "GET" else body.get("branch")
        files = self.branches.get(branch)
        if files is None:
            return 404, {"message": "No commit found for the ref"}
        if method == "GET":
            if path not in files:
                return 404, {"message": "Not Found"}
            content = base64.b64encode(files[path].encode("utf-8")).decode("ascii")
            return 200, {"type": "file", "path": path, "sha": sha(files[path]), "content": content}
        if path in files and body.get("sha") != sha(files[path]):
            return (422 if "sha" not in body else 409), {"message": "sha wasn't supplied or does not match"}
        if method == "PUT":
            files[path] = base64.b64decode(body["content"]).decode("utf-8")
        elif method == "DELETE":
            if path not in files:
                return 404, {"message": "Not Found"}
            del files[path]
        self.commits.append({"branch": branch, "path": path, "method": method, "message": body["message"]})
        return 200, {"commit": {"sha": self.head(branch)}}

    def head(self, branch: str) -> str:
        return sha(json.dumps(sorted(self.branches[branch].items())) + branch)

    def writes(self) -> list[tuple[str, str]]:
        return [(m, u) for m, u, _ in self.requests if m != "GET"]


@pytest.fixture
def root(tmp_path) -> Path:
    return fixture_data(tmp_path / "depot")


@pytest.fixture
def github(root):
    main = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in root.glob("data/*/*.md")}
    fake = FakeGitHub(main)

    class Handler(BaseHTTPRequestHandler):
        def _serve(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            status, answer = fake.handle(self.command, self.path, body, self.headers.get("Authorization", ""))
            data = json.dumps(answer).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    server.shutdown()


def event(tmp_path: Path, number: int, body: str, labels=("formulaire", "pole"), state="open") -> Path:
    path = tmp_path / f"evenement-{number}-{len(list(tmp_path.glob('evenement-*')))}.json"
    payload = {
        "action": "edited",
        "issue": {
            "number": number,
            "title": "Pôle : proposition",
            "body": body,
            "state": state,
            "labels": [{"name": name} for name in labels],
            "user": {"login": "marie-exemple", "id": 4242},
        },
        "repository": {"full_name": REPOSITORY, "default_branch": "main"},
    }
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def bot(
    root: Path, github: FakeGitHub | None, *args, token: str | None = TOKEN
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    if github is not None:
        env.update(GITHUB_API_URL=github.url, GITHUB_REPOSITORY=REPOSITORY)
    if token:
        env["GITHUB_TOKEN"] = token
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--racine", str(root), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def body(name: str) -> str:
    return (BODIES / name).read_bytes().decode("utf-8")


def validate(root: Path, tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """scripts/validate.py on a copy of the repository holding the branch's files."""
    copy = fixture_data(tmp_path / f"copie-{len(list(tmp_path.glob('copie-*')))}")
    for path, text in files.items():
        (copy / path).write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--racine", str(copy)],
        capture_output=True,
        text=True,
    )


def changed(github: FakeGitHub, branch: str) -> dict[str, str]:
    main, head = github.branches["main"], github.branches[branch]
    return {p: t for p, t in head.items() if main.get(p) != t} | {p: None for p in main if p not in head}


# --------------------------------------------------------------------------- a valid form


def test_valid_form_opens_one_pull_request_that_edits_update(root, github, tmp_path):
    github.labels[12] = {"a-corriger", "pole"}  # left by an earlier run with problems
    result = bot(root, github, "tout", event(tmp_path, 12, body("pole-valide.md")))
    assert result.returncode == 0, result.stderr
    branch = "formulaire/issue-12"
    files = changed(github, branch)
    assert list(files) == ["data/poles/atelier-des-pentes.md"]
    check = validate(root, tmp_path, files)
    assert check.returncode == 0, check.stdout + check.stderr
    [pull] = github.pulls
    assert pull["head"] == branch and pull["base"] == "main" and pull["state"] == "open"
    assert "Closes #12" in pull["body"] and "@marie-exemple" in pull["body"]
    assert (
        'nom: "Atelier des Pentes"' in pull["body"]
        and "https://ptce.fr/poles/atelier-des-pentes/" in pull["body"]
    )
    [commit] = github.commits
    assert commit["message"].endswith(
        "Co-authored-by: marie-exemple <4242+marie-exemple@users.noreply.github.com>\n"
    )
    [comment] = github.comments[12]
    assert f"#{pull['number']}" in comment["body"] and "<!-- formulaire-ptce -->" in comment["body"]
    assert github.labels[12] == {"pole"}  # « a-corriger » removed, the form's own label kept

    # The contributor renames the pole: same branch, same pull request, same comment.
    renamed = body("pole-valide.md").replace("Atelier des Pentes\r\n", "Atelier du Plateau\r\n", 1)
    result = bot(root, github, "tout", event(tmp_path, 12, renamed))
    assert result.returncode == 0, result.stderr
    assert list(changed(github, branch)) == ["data/poles/atelier-du-plateau.md"]  # the old file is gone
    assert len(github.pulls) == 1 and 'nom: "Atelier du Plateau"' in github.pulls[0]["body"]
    assert len(github.comments[12]) == 1
    assert [m for m, u in github.writes() if "comments" in u].count("POST") == 1

    # The same answers again: nothing is written.
    before = len(github.writes())
    result = bot(root, github, "tout", event(tmp_path, 12, renamed))
    assert result.returncode == 0, result.stderr
    new = github.writes()[before:]
    assert [(m, u) for m, u in new if "/contents/" in u or "git/refs" in u] == []
    assert len(github.pulls) == 1 and len(github.comments[12]) == 1


def test_the_workflow_steps_reading_without_a_token_then_publishing(root, github, tmp_path):
    decision = tmp_path / "decision.json"
    result = bot(
        root,
        None,
        "convertir",
        event(tmp_path, 14, body("evenement-valide.md"), ("formulaire", "evenement")),
        decision,
        token=None,
    )
    assert result.returncode == 0, result.stderr
    assert github.requests == []  # reading the issue talks to nobody
    saved = json.loads(decision.read_text(encoding="utf-8"))
    assert saved["action"] == "pull_request" and list(saved["files"]) == [
        "data/events/2026-03-12-rencontre-regionale-des-ptce-de-normandie.md"
    ]
    result = bot(root, github, "publier", decision)
    assert result.returncode == 0, result.stderr
    files = changed(github, "formulaire/issue-14")
    assert list(files) == list(saved["files"])
    assert validate(root, tmp_path, files).returncode == 0
    assert len(github.pulls) == 1 and "Closes #14" in github.pulls[0]["body"]


@pytest.mark.parametrize(
    "path", [".github/workflows/ci.yml", "data/vocabulaires.yml", "data/poles/../../Makefile", "ptce/site.py"]
)
def test_publishing_refuses_any_file_outside_the_fiches(root, github, tmp_path, path):
    decision = {
        "issue": 15,
        "default_branch": "main",
        "action": "pull_request",
        "branch": "formulaire/issue-15",
        "files": {path: "pwned\n"},
        "title": "t",
        "body": "b",
        "commit_message": "m",
        "comment": "c",
    }
    file = tmp_path / "decision.json"
    file.write_text(json.dumps(decision), encoding="utf-8")
    result = bot(root, github, "publier", file)
    assert result.returncode == 1 and "data/poles/" in result.stderr
    assert github.requests == []


# --------------------------------------------------------------------------- problems


def test_invalid_form_gets_one_comment_and_a_label_then_a_pull_request_once_fixed(root, github, tmp_path):
    result = bot(root, github, "tout", event(tmp_path, 13, body("pole-invalide.md")))
    assert result.returncode == 0, result.stderr
    assert github.pulls == [] and set(github.branches) == {"main"}
    [comment] = github.comments[13]
    lines = [line for line in comment["body"].split("\n") if line.startswith("- ")]
    assert len(lines) == 7 and lines[0].startswith("- «\u00a0Forme de coopération\u00a0»")
    assert "a-corriger" in github.labels[13]

    # A partial fix: the same comment now lists fewer problems.
    fixed = body("pole-invalide.md").replace("Pôle fillière", "Pôle filière")
    assert bot(root, github, "tout", event(tmp_path, 13, fixed)).returncode == 0
    [comment] = github.comments[13]
    assert len([line for line in comment["body"].split("\n") if line.startswith("- ")]) == 6
    assert "a-corriger" in github.labels[13]

    # Everything fixed: a pull request, the comment now links it, the label is gone.
    assert bot(root, github, "tout", event(tmp_path, 13, body("pole-valide.md"))).returncode == 0
    [comment] = github.comments[13]
    [pull] = github.pulls
    assert f"#{pull['number']}" in comment["body"] and "a-corriger" not in github.labels[13]
    assert [m for m, u in github.writes() if "comments" in u] == ["POST", "PATCH", "PATCH"]


def test_a_comment_of_someone_else_with_the_marker_is_left_alone(root, github, tmp_path):
    github.comments[16] = [{"id": 1, "body": "<!-- formulaire-ptce --> ha", "user": {"login": "mallory"}}]
    assert bot(root, github, "tout", event(tmp_path, 16, body("pole-invalide.md"))).returncode == 0
    assert github.comments[16][0]["body"] == "<!-- formulaire-ptce --> ha"
    assert len(github.comments[16]) == 2 and github.comments[16][1]["user"]["login"] == BOT


def test_hostile_form_comment_carries_no_markup(root, github, tmp_path):
    assert bot(root, github, "tout", event(tmp_path, 17, body("pole-hostile-html.md"))).returncode == 0
    [comment] = github.comments[17]
    assert "<script>" not in comment["body"] and "\\<script\\>" in comment["body"]
    assert github.pulls == []


# --------------------------------------------------------------------------- corrections


def test_correction_opens_a_pull_request_that_changes_the_fiche(root, github, tmp_path):
    labels = ("formulaire", "correction")
    assert (
        bot(root, github, "tout", event(tmp_path, 20, body("correction-valide.md"), labels)).returncode == 0
    )
    files = changed(github, "formulaire/issue-20")
    assert list(files) == ["data/poles/pole-sud-archer.md"]
    assert 'site_web: "https://www.archer.example.org"' in files["data/poles/pole-sud-archer.md"]
    assert validate(root, tmp_path, files).returncode == 0
    [pull] = github.pulls
    assert "Le pôle a un nouveau site" in pull["body"] and "Closes #20" in pull["body"]


def test_free_form_correction_goes_to_the_team_without_a_pull_request(root, github, tmp_path):
    labels = ("formulaire", "correction")
    assert bot(root, github, "tout", event(tmp_path, 21, body("correction-libre.md"), labels)).returncode == 0
    assert github.pulls == [] and set(github.branches) == {"main"}
    assert "correction-manuelle" in github.labels[21] and len(github.comments[21]) == 1


@pytest.mark.parametrize(
    ("labels", "state"), [(("pole",), "open"), (("formulaire",), "open"), (("formulaire", "pole"), "closed")]
)
def test_other_issues_are_left_alone(root, github, tmp_path, labels, state):
    result = bot(root, github, "tout", event(tmp_path, 30, body("pole-valide.md"), labels, state))
    assert result.returncode == 0 and github.requests == []
