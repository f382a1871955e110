"""Where a record is: commune, département, regions and coordinates, derived
from the postal code through the committed geodata (data/geo/)."""

from __future__ import annotations

from dataclasses import dataclass

from ptce.records.errors import show
from ptce.records.geo import Commune, Departement, Geo, distance_km

MAX_DISTANCE_KM = 30


@dataclass(frozen=True)
class Place:
    commune: Commune | None = None
    departement: Departement | None = None
    region: str | None = None
    ancienne_region: str | None = None
    lat: float | None = None
    lon: float | None = None
    coords_from: str | None = None  # "fiche" or "commune"

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def locate(geo: Geo, rec, prefix: tuple = ()) -> tuple[Place, list[tuple[tuple, str]]]:
    """Derive the place of a pole fiche or an event venue; report inconsistencies."""
    problems: list[tuple[tuple, str]] = []
    commune = dept = None
    cp = getattr(rec, "code_postal", None)
    name = getattr(rec, "commune", None)
    insee = getattr(rec, "code_insee", None)
    if cp:
        candidates = geo.communes_for_postcode(cp)
        if not candidates:
            problems.append(
                (
                    prefix + ("code_postal",),
                    f"code postal {show(cp)} inconnu de la base officielle (data/geo/) : vérifiez-le",
                )
            )
        elif name:
            commune = geo.find_commune(cp, name)
            if commune is None:
                listed = ", ".join(sorted(c.nom for c in candidates)[:12])
                problems.append(
                    (
                        prefix + ("commune",),
                        f"{show(name)} ne correspond pas au code postal {cp} "
                        f"(communes de ce code : {listed})",
                    )
                )
        elif insee:
            commune = next((c for c in candidates if c.insee == insee), None)
            if commune is None:
                problems.append(
                    (
                        prefix + ("code_insee",),
                        f"le code INSEE {show(insee)} ne correspond pas au code postal {cp}",
                    )
                )
        elif len(candidates) == 1:
            commune = candidates[0]
        else:
            listed = ", ".join(sorted(c.nom for c in candidates)[:12])
            problems.append(
                (
                    prefix + ("commune",),
                    f"plusieurs communes ont le code postal {cp} : ajoutez le champ commune (parmi : "
                    f"{listed})",
                )
            )
        if commune and insee and commune.insee != insee:
            problems.append(
                (
                    prefix + ("code_insee",),
                    f"le code INSEE {show(insee)} n'est pas celui de {commune.nom} ({commune.insee}) : "
                    "supprimez la ligne, il est déduit",
                )
            )
    elif insee:
        commune = geo.commune(insee)
        if commune is None:
            problems.append((prefix + ("code_insee",), f"code INSEE {show(insee)} inconnu"))
    elif name:
        # a commune given alone (events in Paris often are): used only when no other commune has its name
        named = geo.communes_named(name)
        explicit = getattr(rec, "departement", None)
        if explicit:
            named = [c for c in named if c.departement == str(explicit).strip().upper()]
        if len(named) == 1:
            commune = named[0]

    region = ancienne = None
    if commune:
        dept = geo.departement(commune.departement)
    explicit_dept = getattr(rec, "departement", None)
    if explicit_dept:
        d = geo.departement(explicit_dept)
        if d is None:
            problems.append(
                (
                    prefix + ("departement",),
                    f'{show(explicit_dept)} n\'est pas un code de département (ex. "14", "2A", "971")',
                )
            )
        elif dept and d.code != dept.code:
            problems.append(
                (
                    prefix + ("departement",),
                    f"le département {d.code} ne correspond pas à la commune ({dept.code}) : supprimez la "
                    "ligne, il est déduit",
                )
            )
        else:
            dept = d
    if dept:
        region, ancienne = dept.region, dept.ancienne_region
    for field, canon in (
        ("ancienne_region", geo.canonical_ancienne_region),
        ("region", geo.canonical_region),
    ):
        given = getattr(rec, field, None)
        if not given:
            continue
        exact = canon(given)
        derived = ancienne if field == "ancienne_region" else region  # as the earlier fields left them
        if exact is None:
            choices = geo.anciennes_regions() if field == "ancienne_region" else geo.regions()
            problems.append(
                (
                    prefix + (field,),
                    f"{show(given)} n'est pas une région connue (valeurs : {', '.join(choices)})",
                )
            )
        elif exact != given:
            problems.append(
                (
                    prefix + (field,),
                    f"écrivez {show(exact)} (orthographe officielle) au lieu de {show(given)}",
                )
            )
        elif derived and exact != derived:
            problems.append(
                (
                    prefix + (field,),
                    f"{show(given)} contredit la région déduite du code postal ({derived}) : supprimez la "
                    "ligne",
                )
            )
        elif field == "ancienne_region":
            ancienne = exact
            region = region or geo.region_of_ancienne(exact)
        else:
            if ancienne and geo.region_of_ancienne(ancienne) != exact:
                problems.append(
                    (prefix + (field,), f"{show(given)} ne contient pas l'ancienne région {ancienne}")
                )
            region = exact

    lat = lon = source = None
    coords = getattr(rec, "coordonnees", None)
    if coords:
        lat, lon, source = coords.lat, coords.lon, "fiche"
        if commune and commune.lat is not None and commune.lon is not None:
            km = distance_km(lat, lon, commune.lat, commune.lon)
            if km > MAX_DISTANCE_KM:
                problems.append(
                    (
                        prefix + ("coordonnees",),
                        f"le point est à {km:.0f} km de {commune.nom} (plus de {MAX_DISTANCE_KM} km) : "
                        "vérifiez les coordonnées ou la commune",
                    )
                )
    elif commune and commune.lat is not None:
        lat, lon, source = commune.lat, commune.lon, "commune"
    return Place(commune, dept, region, ancienne, lat, lon, source), problems


def event_place(geo: Geo, ev) -> tuple[Place, list[tuple[tuple, str]]]:
    """An event is placed by its venue; an online event has no place."""
    return locate(geo, ev.lieu, ("lieu",)) if ev.lieu is not None else (Place(), [])


def no_place(geo: Geo, record) -> tuple[Place, list[tuple[tuple, str]]]:
    return Place(), []
