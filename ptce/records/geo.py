"""French communes, postal codes, départements and regions, read from data/geo/.

Stdlib only: the build and the validator read the small committed files that
maintenance/update_geodata.py writes (communes.tsv, codes_postaux.tsv, departements.tsv),
so they need neither shapely nor the network.
"""

from __future__ import annotations

import functools
import gc
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ptce.text.characters import fold, fold_many


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune, or an arrondissement municipal of Paris, Lyon or Marseille."""

    insee: str
    nom: str  # official name, with its article ("Les Trois Lacs")
    departement: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Departement:
    code: str
    nom: str
    region: str  # 2016 region
    ancienne_region: str  # pre-2016 region, as named by the 2012-2015 sources


_ARTICLES = ("l", "le", "la", "les", "aux", "las", "los")

# Common short names accepted by the loose region matchers (compact fold key → name).
_REGION_ALIASES = {
    "paca": "Provence-Alpes-Côte d'Azur",
    "reunion": "La Réunion",
    "centre": "Centre-Val de Loire",
}
_ANCIENNE_ALIASES = {
    "paca": "Provence-Alpes-Côte d'Azur",
    "reunion": "La Réunion",
    "centrevaldeloire": "Centre",
}


def _key(text: str) -> str:
    return fold(text).replace(" ", "")


@functools.lru_cache(maxsize=65536)  # the same commune names, for every fiche of their postal code
def _keys(name: str) -> frozenset[str]:
    """Match keys of a commune name: with and without its leading article."""
    return _keys_of_folded(fold(name))


def _keys_of_folded(folded: str) -> frozenset[str]:
    words = folded.split()
    keys = {"".join(words)}
    if len(words) > 1 and words[0] in _ARTICLES:
        keys.add("".join(words[1:]))
    return frozenset(keys)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km, enough to check a point against a commune."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _rows(path: Path, header: str) -> list[list[str]]:
    """Tab-separated rows of a committed file, after checking its header."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing: it is committed, regenerate with `make geodata`"
        ) from None
    if not lines or lines[0] != header:
        raise ValueError(f"{path}: unexpected header {lines[0] if lines else ''!r}, expected {header!r}")
    return [line.split("\t") for line in lines[1:] if line]


class Geo:
    """Lookups over the committed geodata; build it with ``Geo.load(data/geo)``."""

    def __init__(
        self,
        communes: dict[str, Commune],
        postcodes: dict[str, tuple[str, ...]],
        departements: dict[str, Departement],
    ) -> None:
        self._communes = communes
        self._postcodes = postcodes
        self._departements = departements
        self._name_index: dict[str, tuple[Commune, ...]] | None = None  # built on first use
        self._region_of_ancienne = {d.ancienne_region: d.region for d in departements.values()}
        self._regions = sorted({d.region for d in departements.values()}, key=lambda n: (fold(n), n))
        self._anciennes = sorted(self._region_of_ancienne, key=lambda n: (fold(n), n))
        self._region_keys = {_key(n): n for n in self._regions} | {
            k: v for k, v in _REGION_ALIASES.items() if v in self._regions
        }
        self._ancienne_keys = {_key(n): n for n in self._anciennes} | {
            k: v for k, v in _ANCIENNE_ALIASES.items() if v in self._region_of_ancienne
        }

    @classmethod
    def load(cls, geo_dir: Path) -> Geo:
        """Parse data/geo once per directory; later calls return the same object."""
        return _load(Path(geo_dir).resolve())

    def communes_for_postcode(self, cp: str) -> list[Commune]:
        """Communes sharing a postal code (arrondissements for Paris, Lyon, Marseille)."""
        codes = self._postcodes.get(str(cp).strip().replace(" ", ""), ())
        return [self._communes[c] for c in codes]

    def commune(self, insee: str) -> Commune | None:
        return self._communes.get(str(insee).strip().upper())

    def departement(self, code: str) -> Departement | None:
        return self._departements.get(str(code).strip().upper())

    def find_commune(self, cp: str, nom: str) -> Commune | None:
        """The commune of this postal code whose name matches ``nom`` loosely.

        Ignores case, accents, spaces, hyphens, apostrophes, "St"/"Ste" and a leading
        article ("Trois Lacs" = "Les Trois Lacs"). "Paris", "Lyon 3e"… given with the
        postal code of an arrondissement return that arrondissement.
        """
        wanted = _keys(nom)
        candidates = self.communes_for_postcode(cp)
        for commune in candidates:
            if wanted & _keys(commune.nom):
                return commune
        key = _key(nom)
        for commune in candidates:
            ckey = _key(commune.nom)
            city = re.split(r"\d", ckey, maxsplit=1)[0]  # "paris" in "paris11earrondissement"
            if ckey.endswith("arrondissement") and key.startswith(city) and ckey.startswith(key):
                return commune
        return None

    def communes_named(self, nom: str) -> list[Commune]:
        """Communes whose name matches ``nom`` loosely (same rules as find_commune), any postal code.

        « Paris » gives the commune of Paris alone (its arrondissements have other names);
        « Saint-Denis » gives several communes, in several départements.
        """
        by_key = self._by_name_key()
        return list({c.insee: c for key in _keys(nom) for c in by_key.get(key, ())}.values())

    def _by_name_key(self) -> dict[str, tuple[Commune, ...]]:
        if self._name_index is None:
            index: dict[str, list[Commune]] = {}
            communes = list(self._communes.values())
            for commune, folded in zip(communes, fold_many([c.nom for c in communes]), strict=True):
                for key in _keys_of_folded(folded):
                    index.setdefault(key, []).append(commune)
            self._name_index = {k: tuple(v) for k, v in index.items()}
        return self._name_index

    def postcodes(self) -> dict[str, list[Commune]]:
        """Every postal code with its communes (what the directory's place search offers)."""
        return {cp: [self._communes[c] for c in codes] for cp, codes in self._postcodes.items()}

    def departements(self) -> list[Departement]:
        return sorted(self._departements.values(), key=lambda d: d.code)

    def regions(self) -> list[str]:
        """The 18 regions of 2016, in French alphabetical order."""
        return list(self._regions)

    def anciennes_regions(self) -> list[str]:
        """The 27 pre-2016 regions (22 metropolitan, 5 overseas), in French order."""
        return list(self._anciennes)

    def region_of_ancienne(self, ancienne: str) -> str | None:
        """The 2016 region containing a pre-2016 region (exact name)."""
        return self._region_of_ancienne.get(ancienne)

    def canonical_region(self, name: str) -> str | None:
        """Official spelling of a 2016 region written loosely ("grand est" → "Grand Est")."""
        return self._region_keys.get(_key(name))

    def canonical_ancienne_region(self, name: str) -> str | None:
        """Official spelling of a pre-2016 region written loosely ("Ile de France" → "Île-de-France")."""
        return self._ancienne_keys.get(_key(name))


@functools.lru_cache(maxsize=8)
def _load(geo_dir: Path) -> Geo:
    # ~35,000 small acyclic objects: pausing the cyclic GC halves the load time
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(geo_dir)
    finally:
        if was_enabled:
            gc.enable()


def _parse(geo_dir: Path) -> Geo:
    communes = {}
    for insee, nom, dept, lat, lon in _rows(geo_dir / "communes.tsv", "insee\tnom\tdepartement\tlat\tlon"):
        communes[insee] = Commune(insee, nom, dept, float(lat) if lat else None, float(lon) if lon else None)
    postcodes = {
        cp: tuple(codes.split(","))
        for cp, codes in _rows(geo_dir / "codes_postaux.tsv", "code_postal\tinsee")
    }
    departements = {
        row[0]: Departement(*row)
        for row in _rows(geo_dir / "departements.tsv", "code\tnom\tregion\tancienne_region")
    }
    return Geo(communes, postcodes, departements)
