"""Fiches outils: the constrained Markdown of their body, and the checks that need the other records.

A fiche outil (data/outils/<nom>.md) is a checklist or a set of questions drawn from one chapter of the
toolkit. Its body is data, never markup: plain text in a small grammar that the site turns into a page,
a PDF and fillable DOCX and ODT documents (ptce/render/outils.py).

    Mode d'emploi : paragraphs of plain text, optional.

    ## Title of a part
    D'après : #anchor-of-the-chapter, #another-anchor
    - ? A question, answered in the space below it.
    - [ ] A point to check, ticked in its box.

Every part says from which sections of its chapter it comes (the « D'après » line): a reader can check
that each question traces to what the chapter says. Anything else (HTML, links, images, other headings,
numbered lists, boxes already ticked) is refused with a French message and its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import lxml.html

from ptce.records.errors import DataError, show
from ptce.records.fields import mixed_script_word, suggestion
from ptce.text import html, urls
from ptce.text.characters import fold

if TYPE_CHECKING:
    from ptce.records.corpus import Corpus, Entry
    from ptce.records.models import Outil

ItemKind = Literal["question", "case"]
MAX_ITEM = 400  # characters of one question or point to check
MAX_ITEMS = 100  # per fiche: a fiche is meant to be printed
MAX_PARAGRAPH = 1500


@dataclass(frozen=True)
class Item:
    kind: ItemKind
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


Block = Item | Paragraph


@dataclass(frozen=True)
class Part:
    """A « ## » part: its title, the chapter anchors it comes from, its paragraphs and items in order."""

    title: str
    anchors: tuple[str, ...]
    blocks: tuple[Block, ...]
    line: int  # offset of its heading in the body
    source_line: int  # offset of its « D'après » line

    @property
    def items(self) -> list[Item]:
        return [b for b in self.blocks if isinstance(b, Item)]


@dataclass(frozen=True)
class Grid:
    intro: tuple[str, ...]  # paragraphs before the first part
    parts: tuple[Part, ...]

    @property
    def items(self) -> list[Item]:
        return [i for p in self.parts for i in p.items]


Problem = tuple[int, str]  # (line offset in the body, French message)

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SOURCE = re.compile(r"^D['’]apr[eè]s\s*:\s*(.*)$", re.IGNORECASE)
_ITEM = re.compile(r"^[-*+][ \t]+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)][ \t]+")
_QUESTION = re.compile(r"^\?[ \t]+(\S.*)$")
_BOX = re.compile(r"^\[ \][ \t]+(\S.*)$")
_TICKED = re.compile(r"^\[[xX✓✔]\]")
_TAG = re.compile(r"<\s*(?:[/?]?\s*[A-Za-z]|!)")  # a tag, a closing tag, <!-- …, <?…
_LINK = re.compile(r"!\[|\]\(|\]\[|<https?:")
_ANCHOR = re.compile(r"^#([A-Za-z0-9][A-Za-z0-9_-]*)$")


def _text_problem(text: str) -> str | None:
    """Why a piece of text cannot be shown as it is written, or None."""
    problem = markup_problem(text)
    if problem:
        return problem
    mixed = mixed_script_word(text)
    if mixed:
        return (
            f"le mot {show(mixed[0])} mêle des alphabets différents : une lettre en imite probablement une "
            "autre ; retapez le mot au clavier"
        )
    return None


def markup_problem(text: str) -> str | None:
    """HTML or a Markdown link or image in a text of a fiche outil (body or front matter), or None."""
    tag = _TAG.search(text)
    if tag:
        shown = text[tag.start() : tag.start() + 12].split(">")[0] + ">"
        return (
            f"balise HTML {show(shown)} non acceptée : une fiche outil s'écrit en texte simple, sans code "
            "(pour une comparaison, écrivez « inférieur à »)"
        )
    if _LINK.search(text):
        return (
            "lien ou image non accepté dans une fiche outil : écrivez le texte seul (le lien vers le "
            "chapitre vient de la ligne « D'après »)"
        )
    return None


class _Parser:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.intro: list[str] = []
        self.parts: list[Part] = []
        self.part: dict | None = None  # the part being read
        self.paragraph: list[str] = []
        self.paragraph_line = 0
        self.item: list | None = None  # [kind, [lines], line] of the item being read

    def fail(self, line: int, message: str) -> None:
        self.problems.append((line, message))

    def flush(self) -> None:
        """End the paragraph or the item being read."""
        if self.item is not None:
            kind, lines, line = self.item
            text = " ".join(lines)
            if len(text) > MAX_ITEM:
                self.fail(line, f"texte trop long ({len(text)} caractères, maximum {MAX_ITEM}) : découpez-le")
            if self.part is not None:
                self.part["blocks"].append(Item(kind, text))
            self.item = None
        if self.paragraph:
            text = " ".join(self.paragraph)
            if len(text) > MAX_PARAGRAPH:
                self.fail(
                    self.paragraph_line,
                    f"paragraphe trop long ({len(text)} caractères, maximum {MAX_PARAGRAPH}) : résumez-le",
                )
            if self.part is None:
                self.intro.append(text)
            else:
                self.part["blocks"].append(Paragraph(text))
            self.paragraph = []

    def close_part(self) -> None:
        self.flush()
        p = self.part
        if p is None:
            return
        if p["anchors"] is None:
            self.fail(
                p["line"],
                f"partie {show(p['title'])} sans sa source : écrivez sous le titre la ligne « D'après : "
                "#ancre » qui nomme la section du chapitre d'où viennent ses questions",
            )
        if not any(isinstance(b, Item) for b in p["blocks"]):
            self.fail(
                p["line"],
                f"partie {show(p['title'])} sans question ni case à cocher : ajoutez des lignes "
                "« - ? question » ou « - [ ] point à vérifier »",
            )
        self.parts.append(
            Part(p["title"], tuple(p["anchors"] or ()), tuple(p["blocks"]), p["line"], p["source_line"])
        )
        self.part = None

    def line(self, i: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            self.flush()
            return
        if self.part is not None and self.part["open"] and self.item is None and not self.paragraph:
            source = _SOURCE.match(text)
            if source:
                self.part["anchors"] = self.anchors(i, source.group(1))
                self.part["source_line"] = i
                self.part["open"] = False
                return
        heading = _HEADING.match(text)
        if heading:
            self.close_part()
            title = (heading.group(2) or "").strip()
            if len(heading.group(1)) != 2:
                self.fail(i, "seuls les titres de niveau 2 sont acceptés : « ## Titre de la partie »")
            if not title:
                self.fail(i, "titre de partie vide")
            problem = _text_problem(title)
            if problem:
                self.fail(i, problem)
            self.part = {
                "title": title,
                "anchors": None,
                "blocks": [],
                "line": i,
                "source_line": i,
                "open": True,
            }
            return
        if _SOURCE.match(text):
            self.fail(i, "la ligne « D'après » se place juste sous le titre de sa partie")
            return
        problem = _text_problem(text)
        if problem:
            self.fail(i, problem)
        item = _ITEM.match(text)
        if item and not raw[:1].isspace():
            self.flush()
            self.start_item(i, item.group(1).strip())
            return
        if _NUMBERED.match(text) and not raw[:1].isspace():
            self.fail(
                i,
                "liste numérotée non acceptée : écrivez « - ? question » (le site numérote lui-même les "
                "questions)",
            )
            return
        if self.item is not None:  # an item written on several lines
            self.item[1].append(text)
            return
        if not self.paragraph:
            self.paragraph_line = i
        if self.part is not None:
            self.part["open"] = False
        self.paragraph.append(text)

    def start_item(self, i: int, content: str) -> None:
        if self.part is None:
            self.fail(i, "les questions et les cases à cocher se placent dans une partie « ## Titre »")
            return
        self.part["open"] = False  # the « D'après » line comes first or not at all
        question, box = _QUESTION.match(content), _BOX.match(content)
        if question:
            self.item = ["question", [question.group(1)], i]
        elif box:
            self.item = ["case", [box.group(1)], i]
        elif _TICKED.match(content):
            self.fail(i, "case déjà cochée : une fiche à remplir commence avec des cases vides, « - [ ] »")
        else:
            self.fail(
                i,
                "élément de liste sans « ? » (question) ni « [ ] » (case à cocher) : écrivez « - ? "
                "question » ou « - [ ] point à vérifier »",
            )

    def anchors(self, i: int, text: str) -> tuple[str, ...]:
        names = []
        for word in [w for w in re.split(r"[\s,;]+", text.strip()) if w]:
            m = _ANCHOR.match(word)
            if m:
                names.append(m.group(1))
            else:
                self.fail(
                    i,
                    f"ancre {show(word)} invalide : écrivez « #ancre », l'identifiant d'une section du "
                    "chapitre (ex. « D'après : #grille »)",
                )
        if not names:
            self.fail(i, "ligne « D'après » vide : nommez au moins une section du chapitre, « #ancre »")
        return tuple(names)


def parse(body: str) -> tuple[Grid, list[Problem]]:
    """The grid of a fiche outil, and what is wrong in its body (line offsets in the body)."""
    parser = _Parser()
    for i, raw in enumerate(body.split("\n")):
        parser.line(i, raw.rstrip("\r"))
    parser.close_part()
    grid = Grid(tuple(parser.intro), tuple(parser.parts))
    if not grid.parts:
        parser.fail(0, "aucune partie : une fiche outil contient au moins une partie « ## Titre »")
    if len(grid.items) > MAX_ITEMS:
        parser.fail(
            0, f"trop de questions et de cases ({len(grid.items)}, maximum {MAX_ITEMS}) : scindez la fiche"
        )
    return grid, sorted(set(parser.problems))


@dataclass(frozen=True)
class Section:
    """A heading of a chapter that a fiche outil can cite."""

    anchor: str
    title: str


def chapter_sections(body: str) -> dict[str, Section]:
    """The headings (h2 to h4) of a chapter, by anchor, as the site renders them."""
    root = lxml.html.fragment_fromstring(html.render_chapter(body) or "<p></p>", create_parent="div")
    out = {}
    for h in root.iter("h2", "h3", "h4"):
        anchor = h.get("id")
        if anchor:
            out[anchor] = Section(anchor, " ".join(h.text_content().split()))
    return out


def entries(corpus: Corpus) -> list[Entry[Outil]]:
    """The fiches outils the corpus loaded (ptce/records/kinds.py puts them in corpus.outils)."""
    return list(getattr(corpus, "outils", []))


@dataclass(frozen=True)
class Checked:
    entry: Entry[Outil]
    grid: Grid
    chapter: Entry  # Entry[Chapitre]
    sections: dict[str, Section]


def check(corpus: Corpus) -> tuple[list[Checked], list[DataError]]:
    """The publishable fiches outils and the problems of the others: body grammar, chapter, anchors, ids.

    Computed once per corpus (memo): the build and the validator ask for the same answer."""
    memo = corpus.memo.get("outils")
    if memo is None:
        memo = corpus.memo["outils"] = _check(corpus)
    return memo


def _position(c: Checked) -> int:
    """Where, in its chapter, the earliest section a fiche draws on comes."""
    order = list(c.sections)
    return min((order.index(a) for p in c.grid.parts for a in p.anchors), default=len(order))


def _check(corpus: Corpus) -> tuple[list[Checked], list[DataError]]:
    chapters = {e.fiche.id: e for e in corpus.chapters}
    sections = {cid: chapter_sections(e.body) for cid, e in chapters.items()}
    reserved = urls.taken_names(urls.OUTILS_DIR, corpus.docs)
    seen: dict[str, str] = {}
    ok: list[Checked] = []
    errors: list[DataError] = []
    invalid = {error.path for error in corpus.errors}  # reported by the validation of its front matter
    for e in entries(corpus):
        f = e.fiche
        first = e.lines.get("__body__", 1)
        mine: list[DataError] = []
        for name in (f.id, *f.anciennes_adresses):
            if not urls.is_name(name):
                why = (
                    f"identifiant {show(name)} invalide : minuscules sans accent, chiffres et tirets, "
                    f"{urls.MAX_NAME} caractères au plus, ex. « grille-monographie »"
                )
            elif name in reserved:
                why = (
                    f"l'identifiant {show(name)} est réservé : c'est déjà l'adresse d'une page du site "
                    f"(/{urls.OUTILS_DIR}/{name}/), choisissez-en un autre"
                )
            elif name in seen:
                why = f"l'adresse {show(name)} est déjà utilisée par {seen[name]}"
            else:
                seen[name] = e.path
                continue
            mine.append(DataError(e.path, e.line_of(("id",)), "id", why))
        grid, problems = parse(e.body)
        mine += [DataError(e.path, first + line, "corps", msg) for line, msg in problems]
        chapter = chapters.get(f.chapitre)
        if chapter is None:
            mine.append(
                DataError(
                    e.path,
                    e.line_of(("chapitre",)),
                    "chapitre",
                    f"aucun chapitre d'identifiant {show(f.chapitre)}.{suggestion(f.chapitre, chapters)}",
                )
            )
        else:
            known = sections[f.chapitre]
            for part in grid.parts:
                for anchor in part.anchors:
                    if anchor not in known:
                        hint = suggestion(anchor, known) or (
                            " Ancres possibles : " + ", ".join(f"#{a}" for a in list(known)[:12]) + "…"
                        )
                        mine.append(
                            DataError(
                                e.path,
                                first + part.source_line,
                                "corps",
                                f"aucune section « #{anchor} » dans le chapitre {show(f.chapitre)}.{hint}",
                            )
                        )
        errors += mine
        if not mine and chapter is not None and e.path not in invalid:
            ok.append(Checked(e, grid, chapter, sections[f.chapitre]))
    # in the chapter's order: a fiche drawn from an earlier section of its chapter comes first
    ok.sort(key=lambda c: (c.chapter.fiche.numero, _position(c), fold(c.entry.fiche.titre), c.entry.fiche.id))
    return ok, sorted(errors)
