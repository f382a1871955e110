"""Load every record of data/ once per build: validated, located, cross-checked.

The build, the validator, the macros and the exports all share one Corpus, so
no page rescans data/ and every problem is reported in a single pass.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from ptce.records import duplicates, medias, outils
from ptce.records.chapter_check import chapter_problems
from ptce.records.errors import DataError, show
from ptce.records.fields import suggestion
from ptce.records.geo import Geo
from ptce.records.kinds import BY_MODEL, KINDS_LIST
from ptce.records.models import Chapitre, Evenement, Outil, Pole, Record, Ressource
from ptce.records.places import Place
from ptce.records.sourcefile import MAX_BYTES, SourceFile, _dotted, read_file
from ptce.records.validation import UNREADABLE, validate
from ptce.text import html, urls
from ptce.text.characters import first_invisible, look_alike_key

# The address of a record's page, by the name that makes it (a chapter's is its id, not its file name).


def docs_files(root: Path) -> tuple[str, ...]:
    """The written pages of docs/ (part of the site plan, like the generated ones)."""
    docs = Path(root) / "docs"
    return (
        tuple(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()))
        if docs.is_dir()
        else ()
    )


def reserved_names(model, docs: tuple[str, ...] = ()) -> set[str]:
    """Names a record of this kind may not take: those the site plan already uses in its folder."""
    kind = BY_MODEL.get(model)
    return urls.taken_names(kind.section, docs) if kind and kind.own_page else set()


def name_problem(
    model, name: str, docs: tuple[str, ...] = (), label: str = "nom", shown: str | None = None
) -> str | None:
    """Why name cannot be the address of a record of this kind, in French, or None."""
    if not urls.is_name(name):
        return (
            f"{label} {show(shown or name)} invalide : minuscules sans accent, chiffres et tirets, "
            f"{urls.MAX_NAME} "
            "caractères au plus, ex. « pole-sud-archer »"
        )
    if name in reserved_names(model, docs):
        address = BY_MODEL[model].address(name)
        page = (
            address[: -len("index.md")] if address.endswith("index.md") else address.removesuffix(".md") + "/"
        )
        article = "l'" if label[0] in "aeiouéè" else "le "
        return (
            f"{article}{label} {show(shown or name)} est réservé : c'est déjà l'adresse d'une page du site "
            f"(/{page}), choisissez-en un autre"
        )
    return None


R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Entry(Generic[R]):
    """A valid record with what the build derives from it: an Entry[Pole] holds a Pole."""

    slug: str
    path: str
    fiche: R
    body: str
    place: Place
    lines: dict = field(default_factory=dict, compare=False, repr=False)
    # what rendering derives from this record alone (its body's HTML): kept as long as the record, which a
    # `make serve` session reuses while its file is unchanged
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, loc: tuple) -> int:
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return self.lines.get(loc, 1)

    @property
    def statut(self) -> str | None:
        """Current status of a pole: the last entry of its dated history."""
        statuts = getattr(self.fiche, "statuts", None)
        return statuts[-1].statut if statuts else None


@dataclass
class Corpus:
    root: Path
    vocabulaires: dict
    sources: dict
    parametres: dict = field(default_factory=dict)
    poles: list[Entry[Pole]] = field(default_factory=list)
    events: list[Entry[Evenement]] = field(default_factory=list)
    chapters: list[Entry[Chapitre]] = field(default_factory=list)
    resources: list[Entry] = field(default_factory=list)
    news: list[Entry] = field(default_factory=list)
    outils: list[Entry[Outil]] = field(default_factory=list)
    errors: list[DataError] = field(default_factory=list)
    docs: tuple[str, ...] = ()  # pages of docs/: part of the site plan
    files_read: int = 0
    medias: set[str] = field(default_factory=set)  # checked files of data/medias/ that bodies show
    memo: dict = field(
        default_factory=dict, repr=False, compare=False
    )  # what renderers derive once per corpus

    def pole(self, slug: str) -> Entry | None:
        return self._poles_by_slug.get(slug)

    def event(self, slug: str) -> Entry | None:
        return self._events_by_slug.get(slug)

    def label(self, section: str, key: str | None) -> str:
        if key is None:
            return "Non renseigné"
        return self.vocabulaires.get(section, {}).get(key, {}).get("libelle", key)

    def events_of_pole(self, slug: str) -> list[Entry]:
        """Events that name this pole, in agenda order (an index, not a scan per pole page)."""
        return self._events_by_pole.get(slug, [])

    def index(self) -> None:
        self._poles_by_slug = {e.slug: e for e in self.poles}
        self._events_by_slug = {e.slug: e for e in self.events}
        self._events_by_pole: dict[str, list[Entry[Evenement]]] = {}
        for e in self.events:
            for slug in dict.fromkeys(e.fiche.poles):
                self._events_by_pole.setdefault(slug, []).append(e)


def _load_yaml(path: Path, root: Path, errors: list[DataError]) -> dict:
    src: SourceFile = read_file(path, root, front_matter=False)
    errors += src.errors
    return src.data or {}


def _record_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith((".", "_")) and p.suffix == ".md")


def _body_errors(model, src: SourceFile, root: Path, corpus: Corpus) -> list[DataError]:
    """Problems of the Markdown body: size, invisible characters, images (and links of chapters)."""
    if not src.body.strip():
        return []
    chapter = model is Chapitre
    problem = html.body_problem(src.body, max_chars=100_000 if chapter else html.MAX_BODY_CHARS)
    if problem:
        return [DataError(src.path, src.body_line + problem[0], "corps", problem[1])]
    out = []
    bad = first_invisible(src.body)
    if bad:
        out.append(
            DataError(
                src.path,
                src.body_line + bad[0],
                "corps",
                f"caractère de contrôle ou invisible {bad[1]} : retapez le texte au clavier plutôt que de "
                "le copier-coller",
            )
        )
    if chapter:
        return out + chapter_problems(src.body, src.body_line, src.path)
    if "![" not in src.body and "<im" not in src.body.lower():  # no image syntax: nothing to render and check
        return out
    errors, used = medias.body_images(html.render_markdown(src.body), src.body, src.body_line, src.path, root)
    corpus.medias |= used
    return out + errors


MAX_ERRORS_PER_FILE = 100


def _capped(errors: list[DataError]) -> list[DataError]:
    """A 100,000-item list of wrong values is one problem, not 100,000 lines to read."""
    if len(errors) <= MAX_ERRORS_PER_FILE:
        return errors
    kept = sorted(errors)[:MAX_ERRORS_PER_FILE]
    last = kept[-1]
    return kept + [
        DataError(
            last.path,
            last.line,
            "",
            f"… et {len(errors) - MAX_ERRORS_PER_FILE} autres erreurs dans ce fichier, "
            "non affichées : corrigez d'abord celles-ci",
        )
    ]


PlaceOf = Callable[[Geo, Any], tuple[Place, list[tuple[tuple, str]]]]


def _load_kind(
    model: type[R], root: Path, context: dict, geo: Geo, corpus: Corpus, place_of: PlaceOf
) -> list[Entry[R]]:
    entries: list[Entry[R]] = []
    fingerprint = _fingerprint(context)
    for file in _record_files(root / "data" / BY_MODEL[model].folder):
        corpus.files_read += 1
        try:
            entry = _load_one_remembered(model, file, root, context, fingerprint, geo, corpus, place_of)
        except Exception:  # noqa: BLE001 (one odd file never stops the others: it gets its own error)
            path = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
            corpus.errors.append(DataError(path, 1, "", UNREADABLE))
            continue
        if entry is not None:
            entries.append(entry)
    return entries


# What each file gave last time, while it has not changed (same bytes, same vocabularies, sources and
# docs/ pages): `make serve` reloads the corpus on every save, and re-validates only the saved file.
_remembered: dict[tuple, tuple[Entry | None, list[DataError], set[str]]] = {}


def _load_one_remembered(
    model: type[R],
    file: Path,
    root: Path,
    context: dict,
    fingerprint: str,  # of context
    geo: Geo,
    corpus: Corpus,
    place_of: PlaceOf,
) -> Entry[R] | None:
    content, raw = _content_key(file)
    key = (
        str(file.absolute()),
        content,
        model,
        corpus.docs,
        fingerprint,
    )  # a link has its own name
    if key not in _remembered:
        errors_before, medias_before = len(corpus.errors), set(corpus.medias)
        entry = _load_one(model, file, root, context, geo, corpus, place_of, raw)
        _remembered[key] = (entry, corpus.errors[errors_before:], corpus.medias - medias_before)
        return entry
    entry, errors, used = _remembered[key]
    corpus.errors += errors
    corpus.medias |= used
    return entry


def _content_key(file: Path) -> tuple[object, bytes | None]:
    """What a file holds, as read_file will see it: the digest of a regular file's bytes (not its time: too
    coarse), with the bytes (read once), else what lstat says. Never follows a link nor reads a device: a
    fiche linked to /dev/zero made the validator read forever."""
    try:
        st = os.lstat(file)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino), None
        with open(file, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
        return hashlib.blake2b(raw, digest_size=16).digest(), raw
    except OSError:
        return None, None


def _fingerprint(context: dict) -> str:
    return json.dumps(context, sort_keys=True, default=str)


def _load_one(
    model: type[R],
    file: Path,
    root: Path,
    context: dict,
    geo: Geo,
    corpus: Corpus,
    place_of: PlaceOf,
    raw: bytes | None = None,
) -> Entry[R] | None:
    src = read_file(file, root, raw=raw)
    slug = file.stem
    # a file name becomes a URL, a Markdown link target and an HTML id (a chapter's URL is its id)
    problem = name_problem(
        None if model is Chapitre else model, slug, corpus.docs, "nom de fichier", file.name
    )
    if problem:
        corpus.errors.append(DataError(src.path, 1, "", problem))
    record, errors = validate(model, src, context)
    corpus.errors += _capped(errors)
    if src.data is not None:
        body_errors = _body_errors(model, src, root, corpus)
        corpus.errors += body_errors
        if model is Chapitre and body_errors:
            return None  # an unsafe chapter is not published
    if record is None or problem:
        return None
    place, problems = place_of(geo, record)
    corpus.errors += [DataError(src.path, src.line_of(loc), _dotted(loc), msg) for loc, msg in problems]
    return Entry(slug, src.path, record, src.body, place, {**src.lines, "__body__": src.body_line})


def _venue_key(e: Entry[Evenement]) -> str:
    lieu, place = e.fiche.lieu, e.place
    if place.commune:
        return place.commune.insee
    return look_alike_key(" ".join(x for x in (lieu.nom, lieu.commune) if x)) if lieu else "en ligne"


def _summary(e: Entry) -> duplicates.Summary:
    if isinstance(e.fiche, Pole):
        place = e.place.commune.insee if e.place.commune else (e.place.ancienne_region or e.place.region)
        return duplicates.Summary(e.path, e.slug, e.fiche.nom, place)
    return duplicates.Summary(e.path, e.slug, e.fiche.titre, _venue_key(e), start=e.fiche.debut.iso())


def _cross_checks(corpus: Corpus) -> None:
    """Probable duplicates (ptce.records.duplicates) and references to other records."""
    why = {"pole": "même nom, même lieu", "evenement": "même titre, même début, même lieu"}
    for kind, entries in (("pole", corpus.poles), ("evenement", corpus.events)):
        seen: dict[tuple, Entry] = {}
        for e in entries:
            key = duplicates.same_key(kind, _summary(e))
            if key in seen:
                corpus.errors.append(
                    DataError(
                        e.path,
                        1,
                        "nom" if kind == "pole" else "titre",
                        f"doublon probable de {seen[key].path} ({why[kind]}) : fusionnez les deux fiches",
                    )
                )
            elif key:
                seen[key] = e
    known = {
        "poles": ({e.slug for e in corpus.poles}, f"aucune fiche data/{BY_MODEL[Pole].folder}/{{}}.md"),
        "evenements": (
            {e.slug for e in corpus.events},
            f"aucune fiche data/{BY_MODEL[Evenement].folder}/{{}}.md",
        ),
        "chapitres": ({e.fiche.id for e in corpus.chapters}, "aucun chapitre d'identifiant « {} »"),
        "ressources": (
            {e.slug for e in corpus.resources},
            f"aucun document data/{BY_MODEL[Ressource].folder}/{{}}.md",
        ),
    }
    for entry in corpus.events + corpus.resources + corpus.news:
        for name, (slugs, message) in known.items():
            for i, ref in enumerate(getattr(entry.fiche, name, None) or []):
                if ref not in slugs:
                    corpus.errors.append(
                        DataError(
                            entry.path,
                            entry.line_of((name, i)),
                            f"{name}.{i + 1}",
                            f"{message.format(ref)}.{suggestion(ref, slugs)}",
                        )
                    )


def _chapter_checks(corpus: Corpus) -> None:
    """Chapter ids are permanent URLs: unique, never reused by an old address, never a page of the site
    (a chapter that would hide one, or be hidden, is not published)."""
    seen: dict[str, str] = {}
    hidden = set()
    for e in corpus.chapters:
        for name in (e.fiche.id, *e.fiche.anciennes_adresses):
            problem = name_problem(Chapitre, name, corpus.docs, "identifiant")
            if problem:
                corpus.errors.append(DataError(e.path, e.line_of(("id",)), "id", problem))
                hidden.add(e.path)
            if name in seen:
                corpus.errors.append(
                    DataError(
                        e.path,
                        e.line_of(("id",)),
                        "id",
                        f"l'adresse {show(name)} est déjà utilisée par {seen[name]}",
                    )
                )
            seen[name] = e.path
    corpus.chapters = [e for e in corpus.chapters if e.path not in hidden]


def load(root: Path) -> Corpus:
    """Read, validate and cross-check everything under root/data."""
    root = Path(root)
    data = root / "data"
    errors: list[DataError] = []
    vocab = _load_yaml(data / "vocabulaires.yml", root, errors)
    sources = _load_yaml(data / "sources.yml", root, errors)
    parametres = (
        _load_yaml(data / "parametres.yml", root, errors) if (data / "parametres.yml").exists() else {}
    )
    corpus = Corpus(root, vocab, sources, parametres, errors=errors, docs=docs_files(root))
    geo = Geo.load(data / "geo")
    context = {"vocabulaires": vocab, "sources": sources}
    for kind in KINDS_LIST:
        entries = _load_kind(kind.model, root, context, geo, corpus, kind.place)
        setattr(corpus, kind.corpus, sorted(entries, key=kind.order, reverse=kind.newest_first))
    corpus.index()
    _cross_checks(corpus)
    _chapter_checks(corpus)
    corpus.errors += outils.check(corpus)[1]  # their body grammar and chapter anchors
    corpus.errors.sort()
    return corpus


_cache: dict[Path, tuple[tuple, Corpus]] = {}


def _signature(folder: str) -> list[tuple[str, int, int]]:
    """Name, time and size of every file under folder (data/geo, reference data, left out)."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name != "geo":
                    found += _signature(entry.path)
            elif entry.is_file():
                stat = entry.stat()
                found.append((entry.path, stat.st_mtime_ns, stat.st_size))
    return found


def load_cached(root: Path) -> Corpus:
    """The same Corpus for every caller of one build; reloaded when a file changes."""
    root = Path(root).resolve()
    signature = tuple(sorted(_signature(str(root / "data"))))
    hit = _cache.get(root)
    if hit and hit[0] == signature:
        return hit[1]
    corpus = load(root)
    _cache[root] = (signature, corpus)
    return corpus
