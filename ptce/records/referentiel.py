"""The référentiel d'action (data/referentiel.yml): its tree, the site's scale and the typology axes.

One file is the single source of the tree: the page /ptce/referentiel/, the self-positioning tool, the
`profils` of the pole model (its fields and their descriptions), the comparison page and the exports
all read the `Referentiel` returned here, so a label corrected once changes everywhere.

The file belongs to the maintainers, like the models: a problem in it stops the build with every
problem listed in French (ReferentielError), never a half-read tree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ptce.records.sourcefile import read_file
from ptce.text import urls

PATH = Path(__file__).resolve().parents[2] / "data" / "referentiel.yml"
POSITIONS = {"en-regard": "En regard", "sous": "Sous"}


class ReferentielError(ValueError):
    """data/referentiel.yml cannot be read as a tree: the message lists every problem."""


@dataclass(frozen=True)
class ObjectifGeneral:
    cle: str
    theme: str  # « le territoire »
    intitule: str  # « cultiver et servir le territoire »
    nom: str  # short word of the hypotheses: « territoire »


@dataclass(frozen=True)
class Objectif:
    lettre: str
    intitule: str
    hypotheses: tuple[str, ...]  # keys of general objectives: the editors' reading, not the source's
    incertaine: bool = False

    @property
    def anchor(self) -> str:
        return f"objectif-{self.lettre}"


@dataclass(frozen=True)
class Indicateur:
    numero: int
    libelle: str | None = None  # None: not given by the source (a copy, or a missing line)
    objectif: str | None = None
    position: str | None = None  # en-regard or sous, with objectif
    voisinage: str | None = None  # where the line stands when it faces no principal objective
    note: str | None = None
    copie_de: int | None = None

    @property
    def id(self) -> str:
        """Two digits: the key of a profile's level and of the page's anchor."""
        return f"{self.numero:02d}"

    @property
    def anchor(self) -> str:
        return f"indicateur-{self.id}"

    @property
    def restitue(self) -> bool:
        """The source gives this indicator's own label: only these are positioned."""
        return self.libelle is not None


@dataclass(frozen=True)
class Niveau:
    niveau: int
    libelle: str
    description: str


@dataclass(frozen=True)
class Axe:
    cle: str
    intitule: str
    valeurs: dict[str, str]  # code -> French label


@dataclass(frozen=True)
class Referentiel:
    source: str
    generaux: tuple[ObjectifGeneral, ...]
    objectifs: tuple[Objectif, ...]
    indicateurs: tuple[Indicateur, ...]
    typologie: tuple[Axe, ...]
    echelle: tuple[Niveau, ...]

    @property
    def notables(self) -> tuple[Indicateur, ...]:
        """Indicators a pole positions itself on: those whose label the source gives."""
        return tuple(i for i in self.indicateurs if i.restitue)

    def objectif(self, lettre: str) -> Objectif:
        return next(o for o in self.objectifs if o.lettre == lettre)

    def indicateur(self, numero: int) -> Indicateur:
        return next(i for i in self.indicateurs if i.numero == numero)

    def general(self, cle: str) -> ObjectifGeneral:
        return next(g for g in self.generaux if g.cle == cle)

    def facing(self, lettre: str) -> tuple[Indicateur, ...]:
        """Indicators printed on an objective's line or just below it (an uncertain attachment)."""
        return tuple(i for i in self.indicateurs if i.objectif == lettre)

    def level(self, value: int) -> Niveau:
        return next(n for n in self.echelle if n.niveau == value)

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(n.niveau for n in self.echelle)

    def scale_text(self) -> str:
        """« de 1 (pas engagé) à 4 (acquis) »: how messages name the scale."""
        low, high = self.echelle[0], self.echelle[-1]
        return f"de {low.niveau} (« {low.libelle} ») à {high.niveau} (« {high.libelle} »)"


def _text(item: dict, key: str, where: str, problems: list[str], required: bool = True) -> str | None:
    value = item.get(key)
    if value is None:
        if required:
            problems.append(f"{where} : champ « {key} » manquant")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where} : « {key} » doit être un texte")
        return None
    return value.strip()


def _int(item: dict, key: str, where: str, problems: list[str], required: bool = True) -> int | None:
    value = _text(item, key, where, problems, required)
    if value is None:
        return None
    if not value.isdigit():
        problems.append(f"{where} : « {key} » doit être un nombre entier, reçu « {value} »")
        return None
    return int(value)


def _items(data: dict, key: str, problems: list[str]) -> list[dict]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"section « {key} » : liste de blocs attendue")
        return []
    return value


def parse(data: dict) -> Referentiel:
    """The tree from the file's data (strings, lists and mappings), or ReferentielError."""
    problems: list[str] = []
    generaux = []
    for n, item in enumerate(_items(data, "objectifs_generaux", problems), 1):
        where = f"objectif général n° {n}"
        cle, theme, intitule, nom = (
            _text(item, k, where, problems) for k in ("cle", "theme", "intitule", "nom")
        )
        if cle and theme and intitule and nom:
            generaux.append(ObjectifGeneral(cle, theme, intitule, nom))
    keys = {g.cle for g in generaux}

    objectifs = []
    for item in _items(data, "objectifs", problems):
        lettre = _text(item, "lettre", "objectif", problems) or "?"
        where = f"objectif {lettre}"
        intitule = _text(item, "intitule", where, problems)
        hypotheses = item.get("hypotheses") or []
        if not isinstance(hypotheses, list) or any(h not in keys for h in hypotheses):
            problems.append(f"{where} : hypothèses à choisir parmi {', '.join(sorted(keys))}")
            hypotheses = []
        if not urls.SLUG.fullmatch(lettre):
            problems.append(f"{where} : la lettre devient une adresse (#objectif-…) : minuscules sans accent")
        if intitule:
            objectifs.append(Objectif(lettre, intitule, tuple(hypotheses), item.get("incertaine") == "true"))
    letters = [o.lettre for o in objectifs]

    indicateurs = []
    for item in _items(data, "indicateurs", problems):
        numero = _int(item, "numero", "indicateur", problems)
        if numero is None:
            continue
        where = f"indicateur {numero}"
        given = item.get("restitue") != "false"
        copie_de = _int(item, "copie_de", where, problems, required=False)
        libelle = _text(item, "libelle", where, problems, required=given and copie_de is None)
        objectif = _text(item, "objectif", where, problems, required=False)
        position = _text(item, "position", where, problems, required=False)
        if objectif is not None and objectif not in letters:
            problems.append(f"{where} : objectif « {objectif} » inconnu")
        if (objectif is None) != (position is None) or (position and position not in POSITIONS):
            problems.append(f"{where} : objectif et position (en-regard ou sous) vont ensemble")
        if libelle and (copie_de or not given):
            problems.append(f"{where} : un indicateur non restitué ou recopié n'a pas de libellé propre")
        indicateurs.append(
            Indicateur(
                numero,
                libelle if given and copie_de is None else None,
                objectif,
                position,
                _text(item, "voisinage", where, problems, required=False),
                _text(item, "note", where, problems, required=False),
                copie_de,
            )
        )
    numbers = [i.numero for i in indicateurs]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append("indicateurs : numéros attendus dans l'ordre, de 1 au dernier, sans trou ni doublon")
    given_labels = {i.numero for i in indicateurs if i.restitue}
    for i in indicateurs:
        if i.copie_de is not None and i.copie_de not in given_labels:
            problems.append(f"indicateur {i.numero} : copie_de doit désigner un indicateur restitué")

    typologie = []
    for item in _items(data, "typologie", problems):
        cle = _text(item, "cle", "axe de typologie", problems) or "?"
        intitule = _text(item, "intitule", f"axe {cle}", problems)
        valeurs = item.get("valeurs")
        if (
            not isinstance(valeurs, dict)
            or not valeurs
            or not all(isinstance(v, str) and urls.SLUG.fullmatch(k) for k, v in valeurs.items())
        ):
            problems.append(f"axe {cle} : valeurs attendues (code: libellé, codes en minuscules sans accent)")
            continue
        if intitule:
            typologie.append(Axe(cle, intitule, dict(valeurs)))

    echelle = []
    for item in _items(data, "echelle", problems):
        niveau = _int(item, "niveau", "échelle", problems)
        libelle = _text(item, "libelle", f"niveau {niveau}", problems)
        description = _text(item, "description", f"niveau {niveau}", problems)
        if niveau is not None and libelle and description:
            echelle.append(Niveau(niveau, libelle, description))
    if [n.niveau for n in echelle] != list(range(1, len(echelle) + 1)) or len(echelle) < 2:
        problems.append("échelle : niveaux attendus dans l'ordre, de 1 au plus haut (deux au moins)")

    for what, names in (("objectifs", letters), ("axes", [a.cle for a in typologie])):
        if len(set(names)) != len(names):
            problems.append(f"{what} : doublon")
    source = _text(data, "source", "fichier", problems)
    if problems:
        raise ReferentielError("data/referentiel.yml : " + " ; ".join(problems))
    return Referentiel(
        source or "",
        tuple(generaux),
        tuple(objectifs),
        tuple(indicateurs),
        tuple(typologie),
        tuple(echelle),
    )


def load(path: Path = PATH) -> Referentiel:
    """Read and check the file (YAML read as data only: no tags, no aliases)."""
    src = read_file(path, path.parents[1], front_matter=False)
    if src.errors:
        raise ReferentielError("; ".join(str(e) for e in src.errors))
    return parse(src.data or {})


@functools.cache
def default() -> Referentiel:
    """The site's référentiel, read once."""
    return load()
