"""Hostile and broken fiches: every one ends in a French error or in escaped text.

The corpus is tests/hostile/: one file per case under poles/, events/, chapitres/ and
ressources/, two valid witness fiches under temoins/, images under medias/, and the
expected outcome of every case in tests/hostile/cas.yml. Cases that cannot be committed as
they are (a 50 MB file, a symbolic link, bytes that editors "fix": BOM, CRLF, Latin-1,
NUL, invalid UTF-8) are made from their file at test time, as cas.yml says.

Each case is loaded next to the two witnesses in a throw-away repository: loading never
raises, the expected error names the file, the field and the line, or the page is rendered
with every dangerous string escaped; and the witnesses are always still there.
test_whole_hostile_corpus_builds puts every case together into a copy of the real project
and builds it with MkDocs. test_table_of_cases writes test-output/cas-hostiles.md.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from balisage import page_html, unsafe_markup
from conftest import HOSTILE, ROOT, copy_project, make_root, mkdocs_build

from ptce.records.corpus import load
from ptce.records.errors import DataError
from ptce.render import downloads, library, pages, toolkit
from ptce.text import html
from ptce.text.characters import FORBIDDEN, printable

CASES: list[dict] = yaml.safe_load((HOSTILE / "cas.yml").read_text(encoding="utf-8"))
FOLDERS = ("poles", "events", "chapitres", "ressources", "actualites")
WITNESSES = {"poles": "temoin-pole", "events": "2012-12-06-temoin"}
# The same Markdown extensions as mkdocs.yml, to turn a generated page into the HTML MkDocs makes.


# ----------------------------------------------------------------------------- building cases


def _generated(kind: str, text: str) -> bytes:
    """Files too big to commit, grown from their committed seed."""
    if kind == "50-mo":
        return text.encode() + b"\n" + (b"x" * 99 + b"\n") * 500_000
    if kind == "nom-1-mo":
        return text.replace('nom: "Pôle nom géant"', 'nom: "' + "A" * 999_000 + '"').encode()
    if kind == "liste-100k":
        return text.replace("thematiques: []", "thematiques:\n" + "  - zz\n" * 100_000).encode()
    if kind == "corps-25k":
        return (text + "\n" + ("Une phrase ordinaire de présentation. " * 20 + "\n\n") * 33).encode()
    raise ValueError(kind)


def _bytes(kind: str, text: str) -> bytes:
    """Byte-level variants that editors and git tools tend to normalise."""
    if kind == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if kind == "crlf":
        return text.replace("\n", "\r\n").encode()
    if kind == "latin1":
        return text.encode("latin-1")
    if kind == "nul":
        return text.replace("Pôle NUL", "Pôle\x00NUL").encode()
    if kind == "utf8-invalide":  # an encoded lone surrogate: not UTF-8
        return text.encode().replace(b"invalide", b"invalide \xed\xa0\x80", 1)
    raise ValueError(kind)


def target_name(case: dict) -> str:
    return case.get("nom_fichier") or Path(case["fichier"]).name


def data_path(case: dict) -> str:
    return f"data/{Path(case['fichier']).parent.as_posix()}/{target_name(case)}"


def install(root: Path, case: dict) -> None:
    """Write one case into root/data as the contributor's pull request would."""
    folder = root / "data" / Path(case["fichier"]).parent
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / target_name(case)
    if "lien" in case:
        target = case["lien"]
        dest.symlink_to(root / "data/poles/temoin-pole.md" if target == "temoin" else Path(target))
        return
    text = (HOSTILE / case["fichier"]).read_text(encoding="utf-8")
    if "genere" in case:
        dest.write_bytes(_generated(case["genere"], text))
    elif "octets" in case:
        dest.write_bytes(_bytes(case["octets"], text))
    else:
        dest.write_bytes(text.encode("utf-8"))


def witnesses() -> dict[str, dict[str, str]]:
    return {
        kind: {f"{slug}.md": (HOSTILE / "temoins" / kind / f"{slug}.md").read_text(encoding="utf-8")}
        for kind, slug in WITNESSES.items()
    }


def throwaway(base: Path, cases: list[dict]) -> Path:
    w = witnesses()
    root = make_root(base, w["poles"], w["events"])
    for name in FOLDERS:
        (root / "data" / name).mkdir(exist_ok=True)
    shutil.copytree(HOSTILE / "medias", root / "data" / "medias")
    for case in cases:
        install(root, case)
    return root


# ----------------------------------------------------------------------------- observing


@dataclass
class Observed:
    errors: list[DataError] = field(default_factory=list)  # errors of the case's file
    others: list[DataError] = field(default_factory=list)  # errors of any other file
    loaded: bool = False
    witnesses_loaded: bool = False
    html: str | None = None
    crash: str | None = None


def render(corpus, folder: str, slug: str) -> str | None:
    if folder == "poles" and corpus.pole(slug):
        return page_html(pages.pole_page(corpus.pole(slug), corpus))
    if folder == "events" and corpus.event(slug):
        return page_html(pages.event_page(corpus.event(slug), corpus))
    if (
        folder == "chapitres"
    ):  # as macros/hooks.py publishes it: the page's HTML through the chapter allow-list
        entry = next((e for e in corpus.chapters if Path(e.path).stem == slug), None)
        page = (
            toolkit.chapter_page(entry, corpus, [], "https://ptce.fr/", dt.date(2026, 12, 1))
            if entry
            else None
        )
        return html.sanitize_chapter(page_html(page)) if entry else None
    entry = next((e for e in corpus.resources if e.slug == slug), None) if folder == "ressources" else None
    return page_html(library.resource_page(entry, corpus)) if entry else None


def observe(case: dict, base: Path) -> Observed:
    out = Observed()
    try:
        corpus = load(throwaway(base, [case]))
        path = data_path(case)
        out.errors = [e for e in corpus.errors if e.path == path]
        out.others = [e for e in corpus.errors if e.path != path]
        folder, slug = Path(case["fichier"]).parent.name, Path(target_name(case)).stem
        entries = {
            "poles": corpus.poles,
            "events": corpus.events,
            "chapitres": corpus.chapters,
            "ressources": corpus.resources,
            "actualites": corpus.news,
        }[folder]
        out.loaded = any(e.path == path for e in entries)
        out.witnesses_loaded = bool(corpus.pole("temoin-pole") and corpus.event("2012-12-06-temoin"))
        if out.loaded:
            out.html = render(corpus, folder, slug)
    except Exception:  # noqa: BLE001 (what the test is about)
        out.crash = traceback.format_exc()
    return out


@pytest.fixture(scope="session")
def observed(tmp_path_factory):
    """Each case is loaded once per session, whichever test asks first."""
    cache: dict[str, Observed] = {}

    def get(case: dict) -> Observed:
        if case["fichier"] not in cache:
            cache[case["fichier"]] = observe(case, tmp_path_factory.mktemp("cas"))
        return cache[case["fichier"]]

    return get


def check(case: dict, obs: Observed) -> list[str]:
    """Every way the observation differs from cas.yml (empty: as expected)."""
    problems = []
    if obs.crash:
        return ["exception : " + obs.crash.strip().splitlines()[-1]]
    if not obs.witnesses_loaded:
        problems.append("une fiche témoin n'est plus chargée")
    if obs.others:
        problems.append("erreurs sur d'autres fichiers : " + "; ".join(map(str, obs.others)))
    for e in obs.errors:
        if e.line < 1 or not e.message.strip():
            problems.append(f"erreur sans ligne ou sans message : {e}")
    if case["attendu"] == "erreur":
        for want in case["erreurs"]:
            match = [
                e
                for e in obs.errors
                if e.field == want["champ"]
                and want["message"] in e.message
                and ("ligne" not in want or e.line == want["ligne"])
            ]
            if not match:
                problems.append(f"erreur attendue absente : {want} ; reçues : {[str(e) for e in obs.errors]}")
    elif obs.errors:
        problems.append("fiche refusée : " + "; ".join(map(str, obs.errors)))
    if case["attendu"] == "affiche" or "present" in case:
        if not obs.loaded or obs.html is None:
            problems.append("fiche non affichée")
    if case.get("publie") is False and obs.loaded:
        problems.append("fiche publiée alors qu'elle ne doit pas l'être")
    if obs.html is not None:
        problems += [f"balisage injecté : {m}" for m in unsafe_markup(obs.html)]
        problems += [f"présent tel quel : {s!r}" for s in case.get("absent", []) if s in obs.html]
        problems += [
            f"absent (attendu échappé) : {s!r}" for s in case.get("present", []) if s not in obs.html
        ]
    return problems


# ----------------------------------------------------------------------------- tests


def test_corpus_is_complete_and_declared():
    """At least 45 cases; every file of tests/hostile/ has an expected outcome and vice versa."""
    assert len(CASES) >= 45
    declared = {c["fichier"] for c in CASES}
    assert len(declared) == len(CASES), "cas déclaré deux fois"
    on_disk = {p.relative_to(HOSTILE).as_posix() for name in FOLDERS for p in (HOSTILE / name).glob("*.md")}
    assert on_disk - declared == set(), "fichiers sans résultat attendu dans cas.yml"
    assert {c["fichier"] for c in CASES if "lien" not in c} - on_disk == set(), "cas sans fichier"
    for c in CASES:
        assert c["attendu"] in ("erreur", "affiche"), c
        assert c.get("resume"), c
        if c["attendu"] == "erreur":
            assert c["erreurs"] and all("champ" in e and e["message"] for e in c["erreurs"]), c
    kinds = {Path(c["fichier"]).parent.name for c in CASES}
    assert kinds == set(FOLDERS)


@pytest.mark.parametrize("case", CASES, ids=[c["fichier"] for c in CASES])
def test_hostile_case(case, observed):
    assert check(case, observed(case)) == []


def test_table_of_cases(observed):
    """test-output/cas-hostiles.md: case, expected and observed outcome, for a closing note."""
    rows = ["| # | Cas | Attendu | Observé | OK |", "|---|---|---|---|---|"]
    failures = 0
    for i, case in enumerate(CASES, 1):
        obs = observed(case)
        problems = check(case, obs)
        failures += bool(problems)
        if case["attendu"] == "erreur":
            expected = "erreur : " + " ; ".join(
                f"`{e['champ'] or '(fichier)'}` « {e['message']} »" for e in case["erreurs"]
            )
        else:
            expected = "affiché, échappé"
        if obs.crash:
            seen = "exception"
        elif obs.errors:
            seen = " ; ".join(f"l. {e.line} `{e.field or '(fichier)'}` : {e.message}" for e in obs.errors[:3])
            seen += f" (+{len(obs.errors) - 3})" if len(obs.errors) > 3 else ""
            seen += " — page rendue sans balisage injecté" if obs.html is not None else " — non publiée"
        else:
            seen = "valide, page rendue sans balisage injecté" if obs.html is not None else "valide"
        cell = lambda s: s.replace("|", "\\|").replace("\n", " ")[:400]  # noqa: E731
        rows.append(
            f"| {i} | `{case['fichier']}` — {cell(case['resume'])} | {cell(expected)} | {cell(seen)} | "
            f"{'✗ ' + cell('; '.join(problems)) if problems else '✓'} |"
        )
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    (out / "cas-hostiles.md").write_text(
        f"# Cas hostiles ({len(CASES)} cas, {len(CASES) - failures} conformes)\n\n"
        "Chaque fichier de `tests/hostile/` chargé seul à côté de deux fiches témoins valides "
        "(`tests/test_hostile.py`, résultats attendus dans `tests/hostile/cas.yml`).\n\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    assert failures == 0


def test_a_folder_linked_outside_the_repository_is_not_read(repo, tmp_path):
    """data/ressources as a symbolic link to a folder elsewhere: its files are refused."""
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (outside / "secret.md").write_text(
        '---\ntitre: "Secret"\ntype: etude\ndate: "2013"\n---\n\nDonnée privée.\n', encoding="utf-8"
    )
    root = repo(poles=witnesses()["poles"])
    (root / "data/ressources").symlink_to(outside, target_is_directory=True)
    corpus = load(root)
    assert corpus.resources == []
    assert [str(e) for e in corpus.errors] == [
        "data/ressources/secret.md:1: fichier hors du dépôt (dossier lien symbolique) : déposez un vrai "
        "fichier"
    ]
    assert corpus.pole("temoin-pole")


def test_symlinked_medias_are_refused(repo):
    root = repo(
        poles={
            **witnesses()["poles"],
            "a.md": (HOSTILE / "poles/corps-image-valide.md")
            .read_text(encoding="utf-8")
            .replace("Pôle image valide", "Pôle A")
            .replace("temoin.png", "lien.png"),
            "b.md": (HOSTILE / "poles/corps-image-valide.md")
            .read_text(encoding="utf-8")
            .replace("Pôle image valide", "Pôle B")
            .replace("temoin.png", "dehors.jpg"),
        }
    )
    medias = root / "data/medias"
    medias.mkdir()
    (medias / "lien.png").symlink_to(HOSTILE / "medias/temoin.png")
    (medias / "dehors.jpg").symlink_to("/etc/passwd")
    corpus = load(root)
    errors = {e.path: e for e in corpus.errors}
    assert (
        errors["data/poles/a.md"].field == "corps" and "lien symbolique" in errors["data/poles/a.md"].message
    )
    assert errors["data/poles/b.md"].line == 11 and "lien symbolique" in errors["data/poles/b.md"].message
    assert corpus.medias == set()


def _download_texts(path: Path) -> list[str]:
    """The text of every part of a download, uncompressed (EPUB and DOCX are zips, PDF streams deflated)."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(path)
        return [page.extract_text() or "" for page in reader.pages] + [str(reader.metadata)]
    with zipfile.ZipFile(path) as z:
        return [z.read(name).decode("utf-8", "replace") for name in z.namelist()]


def assert_downloads_hold_no_machine_file(site: Path) -> None:
    """No download of the hostile chapters carries a file of the build machine, a script or a handler."""
    host = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    secrets = ["root:x:0:0", *([host] if len(host) >= 6 else [])]  # a short host name is found in any text
    files = sorted((site / "boite-a-outils" / "telechargements").iterdir())
    hostile = [f for f in files if any(n in f.name for n in ("pandoc-metadonnees", "pandoc-inclusions"))]
    assert len(hostile) == 6, [f.name for f in files]  # both published chapters, in 3 formats
    for f in files:
        for text in _download_texts(f):
            for secret in secrets:
                assert secret not in text, (f.name, secret)
        if f.suffix in (".epub", ".docx"):
            assert downloads.package_problems(f, f.suffix[1:]) == [], f.name


@pytest.mark.build
def test_whole_hostile_corpus_builds(tmp_path):
    """Every case at once in a copy of the real project, built without --strict."""
    project = copy_project(tmp_path / "projet")
    w = witnesses()
    for kind, files in w.items():
        for name, text in files.items():
            (project / "data" / kind / name).write_text(text, encoding="utf-8")
    (project / "data" / "medias").mkdir(exist_ok=True)
    for image in (HOSTILE / "medias").iterdir():
        shutil.copy(image, project / "data" / "medias" / image.name)
    for case in CASES:
        if case.get("lien") == "temoin":
            (project / "data/poles" / target_name(case)).symlink_to(project / "data/poles/temoin-pole.md")
        else:
            install(project, case)
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Error" not in result.stderr.replace("erreurs", "")
    site = project / "site"
    for folder, url in (("poles", "poles"), ("events", "agenda")):
        for fiche in (ROOT / "data" / folder).glob("*.md"):
            assert (site / url / fiche.stem / "index.html").is_file(), fiche
    assert (site / "poles/temoin-pole/index.html").is_file() and (
        site / "agenda/2012-12-06-temoin/index.html"
    ).is_file()
    assert (site / "medias/temoin.png").read_bytes() == (HOSTILE / "medias/temoin.png").read_bytes()
    assert not (site / "medias/faux.png").exists() and not (site / "medias/logo.svg").exists()
    image_page = (site / "poles/corps-image-valide/index.html").read_text(encoding="utf-8")
    assert 'src="../../medias/temoin.png"' in image_page
    assert (
        not list(tmp_path.rglob("PWNED*"))
        and not list(ROOT.glob("PWNED*"))
        and not list(Path.cwd().glob("PWNED*"))
    )
    assert_downloads_hold_no_machine_file(site)
    checked = 0
    for section in ("poles", "agenda"):
        for page in (site / section).rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            assert unsafe_markup(text, page=False) == [], page
            assert not re.search(r"""<[a-z][^<>]*\b(href|src)\s*=\s*["']?\s*javascript:""", text, re.I), page
            checked += 1
    assert checked > 150
    jinja = (site / "poles/jinja-render-macros/index.html").read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in jinja and "BOUCLEBOUCLE" not in jinja


# ----------------------------------------------------------------------------- sanitizer and medias


def test_sanitizer_keeps_the_allow_list_and_nothing_else():
    from ptce.text.html import sanitize_body

    body = (
        "# Titre\n\n##### Petit titre\n\n**gras** *italique* `code` H<sub>2</sub>O 10<sup>3</sup>\n\n"
        "- un\n- deux\n\n1. premier\n\n> citation\n\n    bloc <b>\n\n| a | b |\n|:--|--:|\n| 1 | 2 "
        "|\n\n---\n\n"
        "[web](https://exemple.org) [mail](mailto:a@exemple.org) [tel](tel:+33123456789) "
        "[ftp](ftp://exemple.org)\n\n"
        '<abbr title="économie sociale et solidaire">ESS</abbr> <div class="x" id="y">bloc</div> <span '
        'style="color:red">rouge</span>'
    )
    out = sanitize_body(body, "poles/x.md")
    for kept in (
        "<h2>Titre</h2>",
        "<strong>gras</strong>",
        "<em>italique</em>",
        "<code>code</code>",
        "<sub>2</sub>",
        "<sup>3</sup>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        "<pre><code>bloc &lt;b&gt;",
        '<td align="right">2</td>',
        "<hr>",
        '<a href="https://exemple.org" rel="noopener">web</a>',
        '<a href="mailto:a@exemple.org"',
        '<abbr title="économie sociale et solidaire">ESS</abbr>',
    ):
        assert kept in out, (kept, out)
    for dropped in ("<h1", "<h5", "tel:", "ftp:", "<div", "class=", "id=", "<span", "style="):
        assert dropped not in out, (dropped, out)
    assert "Petit titre" in out and "bloc" in out and "rouge" in out  # the text of dropped tags stays


@pytest.mark.parametrize(
    "page, expected",
    [
        ("poles/x.md", "../../medias/a.png"),
        ("agenda/2013-x.md", "../../medias/a.png"),
        ("actualites/index.md", "../medias/a.png"),
        ("ressources/r.md", "../../medias/a.png"),
    ],
)
def test_images_of_the_repository_get_a_url_relative_to_their_page(page, expected):
    from ptce.text.html import sanitize_body

    assert f'src="{expected}"' in sanitize_body("![a](medias/a.png)", page)


@pytest.mark.parametrize(
    "src",
    [
        "https://evil.example/a.png",
        "//evil.example/a.png",
        "/medias/a.png",
        "medias/../a.png",
        "medias/sous/a.png",
        "medias/a.svg",
        "medias/.a.png",
        "data:image/png;base64,AAAA",
        "file:///etc/passwd",
        "../../medias/a.png",
        " javascript:alert(1)",
    ],
)
def test_any_other_image_source_is_removed_at_rendering(src):
    """Defence in depth behind the load-time error: no src outside medias/ ever reaches a page."""
    from ptce.records.medias import media_name
    from ptce.text.html import sanitize_body

    assert media_name(src) is None
    out = sanitize_body(f'![a]({src})\n\n<img src="{src}">', "poles/x.md")
    assert "src=" not in out, out


def test_without_a_page_an_image_is_not_shown():
    from ptce.text.html import sanitize_body

    assert "src=" not in sanitize_body("![a](medias/a.png)")


def test_media_names():
    from ptce.records.medias import media_name

    assert media_name("medias/logo-2013_v2.JPG") == "logo-2013_v2.JPG"
    assert media_name(" medias/a.webp ") == "a.webp"
    assert [media_name(f"medias/a.{ext}") for ext in ("png", "jpg", "jpeg", "webp", "gif")] == [
        "a.png",
        "a.jpg",
        "a.jpeg",
        "a.webp",
        "a.gif",
    ]
    assert media_name("medias/a.png\n") == "a.png"  # surrounding blanks are stripped, never kept in the URL
    assert (
        media_name("medias/a.png/x") is None
        and media_name("medias/a..png") is None
        and media_name("a.png") is None
    )


def test_a_valid_image_is_listed_for_copying_and_an_invalid_one_is_not(repo):
    root = repo(
        poles={
            "a.md": (HOSTILE / "poles/corps-image-valide.md").read_text(encoding="utf-8"),
            "b.md": (HOSTILE / "poles/corps-image-fausse.md").read_text(encoding="utf-8"),
        }
    )
    shutil.copytree(HOSTILE / "medias", root / "data" / "medias")
    corpus = load(root)
    assert corpus.medias == {"temoin.png"}
    assert [(e.path, e.field) for e in corpus.errors] == [("data/poles/b.md", "corps")]


def test_body_too_intricate_is_shown_as_plain_text_quickly():
    import time

    from ptce.text.html import sanitize_body

    start = time.monotonic()
    out = sanitize_body("[" * 100_000 + "<script>alert(1)</script>", "poles/x.md")
    assert time.monotonic() - start < 2
    assert "<script" not in out and "&lt;script&gt;" in out


def test_a_nesting_that_would_crash_libyaml_is_an_error(repo):
    """libyaml composes in C, recursively: 100,000 nested "[" kill the process (SIGSEGV), no
    exception to catch. Run in a child process so that a regression cannot take pytest down."""
    import subprocess
    import sys

    root = repo(
        poles={
            **witnesses()["poles"],
            "profond.md": '---\nnom: "Pôle profond"\nthematiques: '
            + "[" * 100_000
            + "]" * 100_000
            + '\ndate_maj: "2026-11-23"\n---\n',
        }
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from ptce.records.corpus import load; "
        "c = load(sys.argv[2]); print(*map(str, c.errors), sep='\\n'); print(len(c.poles))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(root)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.splitlines() == [
        "data/poles/profond.md:2: imbrication trop profonde (listes ou blocs les uns "
        "dans les autres) : simplifiez l'en-tête",
        "1",
    ]


def test_validator_and_formatter_scripts_report_the_whole_corpus_without_crashing(tmp_path):
    """What the pull-request check runs (scripts/validate.py --github, format_data.py --verifier).
    The two giant files are left out: they only make the scripts slower (their cases cover them)."""
    import subprocess
    import sys

    cases = [c for c in CASES if c.get("genere") not in ("50-mo", "liste-100k")]
    root = throwaway(tmp_path / "depot", cases)
    outputs = {}
    for args in (["scripts/validate.py", "--github"], ["scripts/format_data.py", "--verifier"]):
        result = subprocess.run(
            [sys.executable, str(ROOT / args[0]), "--racine", str(root), *args[1:]],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 1, (args, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, (args, result.stderr[-3000:])
        shown = (result.stdout + result.stderr).replace("\n", "")
        assert not FORBIDDEN.search(shown), (args, FORBIDDEN.search(shown))  # ESC, BEL, CR… shown as U+XXXX
        outputs[args[0]] = result.stdout
    reported = {
        line.split(":", 1)[0]
        for line in outputs["scripts/validate.py"].splitlines()
        if not line.startswith("::")
    }
    for case in cases:
        if case["attendu"] == "erreur":
            assert printable(data_path(case)) in reported, case["fichier"]  # an ESC in a name shows as U+001B
    assert not reported & {"data/poles/temoin-pole.md", "data/events/2012-12-06-temoin.md"}
