"""From checked answers to the text of a new fiche: the steps shared by scripts/nouveau_pole.py and the
issue-form converter (ptce/authoring/forms.py), so a fiche made either way is placed, named and checked
for duplicates by the same code.

``Repository`` is what a new fiche is checked against (vocabularies, sources, poles, geodata, the
existing fiches' duplicate summaries, the names already taken); ``load_repository`` reads it once. The
other functions are pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ptce.authoring import scaffold
from ptce.records import duplicates
from ptce.records.corpus import _record_files, docs_files
from ptce.records.errors import DataError
from ptce.records.geo import Commune, Geo
from ptce.records.sourcefile import MAX_BYTES, read_file
from ptce.text import urls

KINDS = ("pole", "evenement")  # what the scaffold and the forms create


@dataclass
class Repository:
    """What a new fiche is checked against, read once from a repository."""

    vocabulaires: dict
    sources: dict
    geo: Geo
    summaries: dict[str, list[duplicates.Summary]]  # kind -> existing fiches, even invalid ones
    taken: dict[str, set[str]]  # kind -> file names of its folder (any extension)
    docs: tuple[str, ...] = ()  # pages of docs/: their names are reserved
    texts: dict[str, str] = field(default_factory=dict)  # path -> text of each fiche (corrections)

    def context(self, kind: str) -> dict:
        """The validation context of the models (vocabularies, sources; for an event, the poles)."""
        context = {"vocabulaires": self.vocabulaires, "sources": self.sources}
        if kind == "evenement":
            context["poles"] = {s.slug for s in self.summaries.get("pole", [])}
        return context


class RepositoryError(Exception):
    """data/vocabulaires.yml or data/sources.yml does not read: nothing can be checked."""

    def __init__(self, errors: list[DataError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def load_repository(root: Path) -> Repository:
    root = Path(root)
    data = root / "data"
    read = {}
    for name in ("vocabulaires", "sources"):
        src = read_file(data / f"{name}.yml", root, front_matter=False)
        if src.errors:
            raise RepositoryError(src.errors)
        read[name] = src.data or {}
    geo = Geo.load(data / "geo")
    summaries, taken, texts = {}, {}, {}
    for kind in KINDS:
        folder = data / scaffold.FOLDER[kind]
        parsed = [read_file(p, root) for p in _record_files(folder)]
        for p in _record_files(folder):
            if not p.is_symlink() and p.is_file() and p.stat().st_size <= MAX_BYTES:  # never a device
                texts[p.relative_to(root).as_posix()] = p.read_bytes().decode("utf-8", errors="replace")
        summaries[kind] = duplicates.summaries(kind, parsed, geo)
        taken[kind] = {p.stem for p in folder.iterdir()} if folder.is_dir() else set()
    return Repository(read["vocabulaires"], read["sources"], geo, summaries, taken, docs_files(root), texts)


def place(geo: Geo, answers: dict) -> Commune | None:
    """The commune of the answers' postal code (scaffold.find_commune: AmbiguousCommune or ScaffoldError
    when it cannot be decided)."""
    if not answers.get("code_postal"):
        return None
    return scaffold.find_commune(geo, answers["code_postal"], answers.get("commune"))


def summary(kind: str, slug: str, answers: dict, commune: Commune | None) -> duplicates.Summary:
    """What the duplicate rule needs of the fiche about to be written."""
    start = scaffold.parse_moment(answers["debut"]) if kind == "evenement" else None
    return duplicates.Summary(
        "",
        slug,
        answers["nom" if kind == "pole" else "titre"],
        getattr(commune, "insee", None),
        start.date.first_day() if start else None,
        start.iso() if start else None,
    )


def probable_duplicates(
    kind: str, slug: str, answers: dict, commune: Commune | None, repo: Repository
) -> list[tuple[duplicates.Summary, str]]:
    """Existing fiches that probably describe the same pole or event (duplicates.certain() tells whether
    the build would refuse the new one: then nothing may override it)."""
    return duplicates.probable(kind, summary(kind, slug, answers, commune), repo.summaries.get(kind, []))


def refused_by_build(kind: str, slug: str, answers: dict, commune: Commune | None, repo: Repository) -> bool:
    """Whether the build would refuse the new fiche beside an existing one (duplicates.same_key): then no
    confirmation may let it through, even when probable() gave another reason first (same name)."""
    key = duplicates.same_key(kind, summary(kind, slug, answers, commune))
    return bool(key) and any(duplicates.same_key(kind, o) == key for o in repo.summaries.get(kind, []))


def free_slug(kind: str, slug: str, repo: Repository) -> str:
    """slug, or slug-2… when a fiche (or any file) already has that name: a new fiche never overwrites."""
    return urls.free_name(slug, {o.slug for o in repo.summaries.get(kind, [])} | repo.taken.get(kind, set()))


@dataclass(frozen=True)
class Draft:
    """A new fiche: where it goes and its whole text."""

    kind: str
    slug: str
    path: str  # data/<folder>/<slug>.md
    text: str


def render(kind: str, slug: str, data: dict, body: str | None = None) -> Draft:
    """The canonical text of a new fiche (scaffold.render); body replaces the placeholder when given."""
    text = scaffold.render(kind, data, slug)
    if body is not None:
        placeholder = "\n" + scaffold.BODY[kind]
        assert text.endswith(placeholder)
        text = text[: -len(placeholder)] + ("\n" + body.strip("\n") + "\n" if body.strip() else "")
    return Draft(kind, slug, scaffold.relative_path(kind, slug), text)
