"""The committed geodata (data/geo/) and its reader ptce/records/geo.py, checked against facts
known independently of the generator: where Caen is, which département is in which
region, that the Enclave des Papes belongs to Vaucluse, etc."""

from __future__ import annotations

import itertools
import json
import re

import pytest
from conftest import ROOT

from ptce.records.geo import Geo, distance_km, fold

GEO_DIR = ROOT / "data" / "geo"

REGIONS_2016 = {
    "Auvergne-Rhône-Alpes",
    "Bourgogne-Franche-Comté",
    "Bretagne",
    "Centre-Val de Loire",
    "Corse",
    "Grand Est",
    "Hauts-de-France",
    "Île-de-France",
    "Normandie",
    "Nouvelle-Aquitaine",
    "Occitanie",
    "Pays de la Loire",
    "Provence-Alpes-Côte d'Azur",
    "Guadeloupe",
    "Martinique",
    "Guyane",
    "La Réunion",
    "Mayotte",
}

# pre-2016 region → the 2016 region that absorbed it (public facts, not read from data/geo)
ANCIENNES = {
    "Alsace": "Grand Est",
    "Aquitaine": "Nouvelle-Aquitaine",
    "Auvergne": "Auvergne-Rhône-Alpes",
    "Basse-Normandie": "Normandie",
    "Bourgogne": "Bourgogne-Franche-Comté",
    "Bretagne": "Bretagne",
    "Centre": "Centre-Val de Loire",
    "Champagne-Ardenne": "Grand Est",
    "Corse": "Corse",
    "Franche-Comté": "Bourgogne-Franche-Comté",
    "Haute-Normandie": "Normandie",
    "Île-de-France": "Île-de-France",
    "Languedoc-Roussillon": "Occitanie",
    "Limousin": "Nouvelle-Aquitaine",
    "Lorraine": "Grand Est",
    "Midi-Pyrénées": "Occitanie",
    "Nord-Pas-de-Calais": "Hauts-de-France",
    "Pays de la Loire": "Pays de la Loire",
    "Picardie": "Hauts-de-France",
    "Poitou-Charentes": "Nouvelle-Aquitaine",
    "Provence-Alpes-Côte d'Azur": "Provence-Alpes-Côte d'Azur",
    "Rhône-Alpes": "Auvergne-Rhône-Alpes",
    "Guadeloupe": "Guadeloupe",
    "Martinique": "Martinique",
    "Guyane": "Guyane",
    "La Réunion": "La Réunion",
    "Mayotte": "Mayotte",
}

DEPT_CODES = (
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + ["971", "972", "973", "974", "976"]
)

CAEN_CENTRE = (49.1829, -0.3707)
PARIS_CENTRE = (48.8566, 2.3522)  # Hôtel de Ville
VALREAS = (44.3847, 4.9911)  # Vaucluse town in the Enclave des Papes, surrounded by Drôme
LLIVIA = (42.4642, 1.9808)  # Spanish town surrounded by Pyrénées-Orientales


@pytest.fixture(scope="module")
def geo() -> Geo:
    return Geo.load(GEO_DIR)


@pytest.fixture(scope="module")
def geojson() -> dict[str, dict]:
    return {
        name: json.loads((GEO_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
        for name in ("departements", "regions", "anciennes-regions")
    }


def features_named(collection: dict, key: str = "nom") -> dict[str, dict]:
    return {f["properties"][key]: f for f in collection["features"]}


def contains(feature: dict, lat: float, lon: float) -> bool:
    """Even-odd ray casting over every ring of a (Multi)Polygon: holes count as outside."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    inside = False
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in itertools.pairwise(ring):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
    return inside


# --- postal codes and communes ----------------------------------------------------------


def test_caen(geo):
    [caen] = geo.communes_for_postcode("14000")
    assert (caen.insee, caen.nom, caen.departement) == ("14118", "Caen", "14")
    dept = geo.departement(caen.departement)
    assert (dept.nom, dept.region, dept.ancienne_region) == ("Calvados", "Normandie", "Basse-Normandie")
    assert distance_km(caen.lat, caen.lon, *CAEN_CENTRE) < 3


def test_postcode_keeps_leading_zero(geo):
    communes = geo.communes_for_postcode("01600")
    assert "Trévoux" in {c.nom for c in communes}
    assert {c.departement for c in communes} == {"01"}
    assert geo.communes_for_postcode("1600") == []
    first_row = (GEO_DIR / "codes_postaux.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert first_row.startswith("01")


def test_paris_postcode_points_to_arrondissement(geo):
    [commune] = geo.communes_for_postcode("75011")
    assert commune.insee == "75111" and commune.nom == "Paris 11e Arrondissement"
    assert geo.departement(commune.departement).region == "Île-de-France"
    assert distance_km(commune.lat, commune.lon, *PARIS_CENTRE) < 5
    assert geo.commune("75056").nom == "Paris"
    assert geo.find_commune("75011", "Paris") == commune
    assert geo.find_commune("69003", "Lyon 3e").insee == "69383"
    assert geo.find_commune("13001", "Marseille").insee == "13201"


def test_basse_terre(geo):
    [commune] = geo.communes_for_postcode("97100")
    assert (commune.insee, commune.nom) == ("97105", "Basse-Terre")
    dept = geo.departement(commune.departement)
    assert (dept.code, dept.region, dept.ancienne_region) == ("971", "Guadeloupe", "Guadeloupe")
    assert 15.8 < commune.lat < 16.6 and -61.9 < commune.lon < -61.0


@pytest.mark.parametrize(
    "written", ["Saint-Etienne", "saint étienne", "ST ETIENNE", "St-Étienne", "SAINTETIENNE"]
)
def test_find_commune_loose_name(geo, written):
    found = geo.find_commune("42000", written)
    assert found is not None and (found.insee, found.nom) == ("42218", "Saint-Étienne")


def test_find_commune(geo):
    assert geo.find_commune("42000", "Saint-Chamond") is None  # exists, but not with this code
    assert geo.find_commune("99999", "Caen") is None
    assert geo.find_commune("94240", "Lhay les Roses").nom == "L'Haÿ-les-Roses"
    assert geo.find_commune("27700", "Trois Lacs").nom == "Les Trois Lacs"  # article left out
    assert geo.find_commune("75011", "P") is None


def test_fold():
    assert fold("Saint-Étienne") == fold("ST. ETIENNE") == "saint etienne"
    assert fold("Île-de-France") == "ile de france"
    assert fold("Sainte-Foy-lès-Lyon") == fold("Ste Foy les Lyon")
    assert fold("Œuilly") == "oeuilly"
    assert fold("L’Haÿ-les-Roses") == "l hay les roses"


def test_every_commune_has_a_postcode_and_coordinates(geo):
    rows = [
        line.split("\t") for line in (GEO_DIR / "communes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    assert len(rows) > 34_000
    postcode_rows = (GEO_DIR / "codes_postaux.tsv").read_text(encoding="utf-8").splitlines()[1:]
    listed = set()
    for row in postcode_rows:
        cp, codes = row.split("\t")
        assert re.fullmatch(r"\d{5}", cp)
        assert all(geo.commune(code) is not None for code in codes.split(","))
        listed.update(codes.split(","))
    # every commune is reachable from a postal code, except the three cities split into arrondissements
    assert {insee for insee, *_ in rows} - listed == {"13055", "69123", "75056"}
    missing = [insee for insee, _nom, _dept, lat, lon in rows if not lat or not lon]
    assert missing == []


def test_communes_lie_in_their_departement(geo, geojson):
    """Every commune point falls inside its département's bounding box: this catches
    wrong town-hall locations (sign errors, homonyms), which the source has by hundreds."""
    boxes = {}
    for feature in geojson["departements"]["features"]:
        points = [p for polygon in feature["geometry"]["coordinates"] for p in polygon[0]]
        boxes[feature["properties"]["code"]] = (
            min(y for _, y in points),
            max(y for _, y in points),
            min(x for x, _ in points),
            max(x for x, _ in points),
        )
    outside = []
    for line in (GEO_DIR / "communes.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        insee = line.split("\t")[0]
        c = geo.commune(insee)
        s, n, w, e = boxes[c.departement]
        if not (s - 0.02 <= c.lat <= n + 0.02 and w - 0.02 <= c.lon <= e + 0.02):
            outside.append((insee, c.nom))
    assert outside == []


# --- départements and regions ---------------------------------------------------------------


def test_departements(geo):
    for code in DEPT_CODES:
        dept = geo.departement(code)
        assert dept is not None, code
        assert dept.region in REGIONS_2016
        assert ANCIENNES[dept.ancienne_region] == dept.region
    assert geo.departement("20") is None
    assert geo.departement("2a").nom == "Corse-du-Sud"
    assert geo.departement("69").ancienne_region == "Rhône-Alpes"
    assert geo.departement("90").ancienne_region == "Franche-Comté"
    assert geo.departement("60").ancienne_region == "Picardie"


def test_regions(geo):
    assert len(geo.regions()) == 18 and set(geo.regions()) == REGIONS_2016
    assert len(geo.anciennes_regions()) == 27 and set(geo.anciennes_regions()) == set(ANCIENNES)
    regions = geo.regions()
    assert regions[0] == "Auvergne-Rhône-Alpes"
    assert regions.index("Hauts-de-France") < regions.index("Île-de-France") < regions.index("La Réunion")
    for ancienne, region in ANCIENNES.items():
        assert geo.region_of_ancienne(ancienne) == region
    assert geo.region_of_ancienne("Rhône-Alpes") == "Auvergne-Rhône-Alpes"
    assert geo.region_of_ancienne("Normandie") is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Ile de France", "Île-de-France"),
        ("Nord Pas-de-Calais", "Nord-Pas-de-Calais"),
        ("Pays-de-la-Loire", "Pays de la Loire"),
        ("Provence Alpes Côte d'Azur", "Provence-Alpes-Côte d'Azur"),
        ("rhone alpes", "Rhône-Alpes"),
        ("Midi Pyrenees", "Midi-Pyrénées"),
        ("Île-de-France", "Île-de-France"),
    ],
)
def test_canonical_ancienne_region(geo, written, canonical):
    assert geo.canonical_ancienne_region(written) == canonical


def test_canonical_region(geo):
    assert geo.canonical_region("grand-est") == "Grand Est"
    assert geo.canonical_region("Auvergne Rhone Alpes") == "Auvergne-Rhône-Alpes"
    assert geo.canonical_region("Centre Val-de-Loire") == "Centre-Val de Loire"
    assert geo.canonical_region("Rhône-Alpes") is None  # a pre-2016 region only
    assert geo.canonical_ancienne_region("Normandie") is None  # a 2016 region only
    assert geo.canonical_ancienne_region("Atlantis") is None


def test_distance():
    assert 195 < distance_km(*PARIS_CENTRE, *CAEN_CENTRE) < 210
    assert distance_km(*CAEN_CENTRE, *CAEN_CENTRE) == 0


def test_distance_between_communes(geo):
    paris, caen = geo.commune("75056"), geo.commune("14118")
    assert 190 < distance_km(paris.lat, paris.lon, caen.lat, caen.lon) < 215


def test_load_is_cached():
    assert Geo.load(GEO_DIR) is Geo.load(GEO_DIR)


# --- polygons --------------------------------------------------------------------------------


def test_geojson_features(geo, geojson):
    depts = features_named(geojson["departements"], "code")
    assert sorted(depts) == sorted(DEPT_CODES)
    assert all(f["properties"]["nom"] == geo.departement(code).nom for code, f in depts.items())
    regions = features_named(geojson["regions"])
    assert set(regions) == REGIONS_2016 and len(geojson["regions"]["features"]) == 18
    assert regions["Auvergne-Rhône-Alpes"]["properties"]["code"] == "auvergne-rhone-alpes"
    anciennes = features_named(geojson["anciennes-regions"])
    assert set(anciennes) == set(ANCIENNES) and len(geojson["anciennes-regions"]["features"]) == 27
    assert all(f["properties"]["region"] == ANCIENNES[name] for name, f in anciennes.items())
    for collection in geojson.values():
        for feature in collection["features"]:
            assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geojson_size():
    total = sum(
        (GEO_DIR / f"{name}.geojson").stat().st_size
        for name in ("departements", "regions", "anciennes-regions")
    )
    assert total < 1_200_000


def test_polygons_where_expected(geojson):
    depts = features_named(geojson["departements"], "code")
    regions = features_named(geojson["regions"])
    anciennes = features_named(geojson["anciennes-regions"])
    assert contains(depts["14"], *CAEN_CENTRE) and not contains(depts["50"], *CAEN_CENTRE)
    assert contains(regions["Normandie"], *CAEN_CENTRE)
    assert contains(anciennes["Basse-Normandie"], *CAEN_CENTRE)
    assert contains(depts["75"], *PARIS_CENTRE)
    # enclaves stay holes: the Enclave des Papes is Vaucluse, not Drôme; Llívia is Spain
    assert contains(depts["84"], *VALREAS) and not contains(depts["26"], *VALREAS)
    assert contains(regions["Provence-Alpes-Côte d'Azur"], *VALREAS)
    assert not contains(regions["Auvergne-Rhône-Alpes"], *VALREAS)
    assert not any(contains(f, *LLIVIA) for f in depts.values())
    # each point of France in exactly one département (no overlaps)
    for lat, lon in [
        CAEN_CENTRE,
        PARIS_CENTRE,
        VALREAS,
        (45.764, 4.8357),
        (43.2965, 5.3698),
        (48.5734, 7.7521),
    ]:
        assert sum(contains(f, lat, lon) for f in depts.values()) == 1
