"""The kinds of record, one line each: model, data folder, page address, French name.

Everything that needs to know a kind (loading, canonical form, scaffold, search result types, reserved
names, JSON Schemas, the synthetic corpus) reads it here, so adding a kind or moving its folder is one
edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ptce.records.models import Actualite, Chapitre, Evenement, Pole, Record, Ressource
from ptce.text import urls


@dataclass(frozen=True)
class Kind:
    key: str  # the schema's name (/schemas/<key>.json), the scaffold's argument
    model: type[Record]
    folder: str  # data/<folder>/<name>.md
    label: str  # what search results call such a page
    address: Callable[[str], str]  # the page a record's name becomes (docs-relative source path)
    own_page: bool = True  # False: the records are listed on one page, their names are not addresses

    @property
    def section(self) -> str:
        """The first segment of the kind's addresses (/agenda/… for events)."""
        return self.address("_").split("/")[0]


KINDS_LIST = (
    Kind("pole", Pole, "poles", "Pôle", urls.pole),
    Kind("evenement", Evenement, "events", "Événement", urls.event),
    Kind("chapitre", Chapitre, "chapitres", "Chapitre", urls.chapter),
    Kind("ressource", Ressource, "ressources", "Ressource", urls.resource),
    Kind("actualite", Actualite, "actualites", "Actualité", lambda name: urls.NEWS, own_page=False),
)
BY_KEY = {k.key: k for k in KINDS_LIST}
BY_FOLDER = {k.folder: k for k in KINDS_LIST}
BY_MODEL = {k.model: k for k in KINDS_LIST}
KINDS: dict[str, type[Record]] = {k.key: k.model for k in KINDS_LIST}  # key -> model
