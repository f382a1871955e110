"""The kinds of record, one line each: model, data folder, page address, French name, how a record is
placed and in which order the site lists them.

Everything that needs to know a kind (loading, canonical form, scaffold, search result types, reserved
names, JSON Schemas, the synthetic corpus) reads it here, so adding a kind or moving its folder is one
edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ptce.records.geo import fold
from ptce.records.models import Actualite, Chapitre, Evenement, Outil, Pole, Record, Ressource
from ptce.records.places import event_place, locate, no_place
from ptce.text import urls


@dataclass(frozen=True)
class Kind:
    key: str  # the schema's name (/schemas/<key>.json), the scaffold's argument
    model: type[Record]
    folder: str  # data/<folder>/<name>.md
    label: str  # what search results call such a page
    address: Callable[[str], str]  # the page a record's name becomes (docs-relative source path)
    corpus: str  # the Corpus list that holds them
    order: Callable[[Any], tuple]  # sort key of an entry (ptce.records.corpus.Entry)
    newest_first: bool = False
    place: Callable = no_place  # (geo, record) -> (Place, problems)
    own_page: bool = True  # False: the records are listed on one page, their names are not addresses

    @property
    def section(self) -> str:
        """The first segment of the kind's addresses (/agenda/… for events)."""
        return self.address("_").split("/")[0]


KINDS_LIST = (
    Kind(
        "pole", Pole, "poles", "Pôle", urls.pole, "poles", lambda e: (fold(e.fiche.nom), e.slug), place=locate
    ),
    Kind(
        "evenement",
        Evenement,
        "events",
        "Événement",
        urls.event,
        "events",
        lambda e: (e.fiche.debut.date.first_day(), e.slug),
        place=event_place,
    ),
    # before the chapters: search results keep « Chapitre » for the section boite-a-outils/
    Kind(
        "outil",
        Outil,
        "outils",
        "Fiche outil",
        urls.outil,
        "outils",
        lambda e: (e.fiche.chapitre, e.fiche.id),
        own_page=False,
    ),
    Kind(
        "chapitre",
        Chapitre,
        "chapitres",
        "Chapitre",
        urls.chapter,
        "chapters",
        lambda e: (e.fiche.numero, e.fiche.id),
    ),
    Kind(
        "ressource",
        Ressource,
        "ressources",
        "Ressource",
        urls.resource,
        "resources",
        lambda e: (e.fiche.date.first_day(), e.slug),
        newest_first=True,
    ),
    Kind(
        "actualite",
        Actualite,
        "actualites",
        "Actualité",
        lambda name: urls.NEWS,
        "news",
        lambda e: (e.fiche.date.first_day(), e.slug),
        newest_first=True,
        own_page=False,
    ),
)
BY_KEY = {k.key: k for k in KINDS_LIST}
BY_FOLDER = {k.folder: k for k in KINDS_LIST}
BY_MODEL = {k.model: k for k in KINDS_LIST}
KINDS: dict[str, type[Record]] = {k.key: k.model for k in KINDS_LIST}  # key -> model
