"""The map's data and pages, without a browser: the simplified regions keep their shared borders, the
counts beside the map add up, the embed page lists what the map accepts, a link skips every map."""

from __future__ import annotations

import json
import re
from collections import Counter

from conftest import ROOT

from ptce.records.corpus import load
from ptce.render import maps
from ptce.text import urls

GEO = ROOT / "data" / "geo"
FICHES = {
    "a.md": '---\nnom: "Pôle A"\ncode_postal: "14000"\ncommune: "Caen"\ndate_maj: "2026-11-23"\n---\n',
    "b.md": '---\nnom: "Pôle B"\nregion: "Bretagne"\ndate_maj: "2026-11-23"\n---\n',
    "c.md": '---\nnom: "Pôle C"\nregion: "Bretagne"\ndate_maj: "2026-11-23"\n---\n',
    "d.md": '---\nnom: "Pôle D"\ndate_maj: "2026-11-23"\n---\n',
}


def edges(collection: dict) -> Counter:
    """How many rings use each segment (either direction), feature by feature."""
    used: Counter = Counter()
    for feature in collection["features"]:
        for shape in feature["geometry"]["coordinates"]:
            for ring in shape:
                for a, b in zip(ring, ring[1:], strict=False):
                    used[frozenset((tuple(a), tuple(b)))] += 1
    return used


def neighbours(collection: dict) -> set[frozenset]:
    """Pairs of features that share at least one segment of border."""
    owner: dict = {}
    pairs = set()
    for feature in collection["features"]:
        name = feature["properties"]["nom"]
        for shape in feature["geometry"]["coordinates"]:
            for ring in shape:
                for a, b in zip(ring, ring[1:], strict=False):
                    key = frozenset((tuple(a), tuple(b)))
                    if key in owner and owner[key] != name:
                        pairs.add(frozenset((owner[key], name)))
                    owner[key] = name
    return pairs


def test_the_overview_keeps_every_shared_border_and_opens_no_gap():
    for name in ("regions", "anciennes-regions"):
        original = maps.polygons(GEO, name)
        overview = maps.overview_polygons(GEO, name)
        assert [f["properties"]["nom"] for f in overview["features"]] == [
            f["properties"]["nom"] for f in original["features"]
        ]
        # the same regions touch each other, along exactly the same segments on both sides
        assert neighbours(overview) == neighbours(original), name
        assert max(edges(overview).values()) == 2
        # and it is much lighter than data/geo
        size = len(json.dumps(overview["features"], separators=(",", ":")))
        assert size < len((GEO / f"{name}.geojson").read_text(encoding="utf-8")) / 4, (name, size)


def test_simplification_of_two_squares_sharing_a_wavy_side():
    wave = [[1.0, y / 10] for y in range(11)]
    wave = [[1.0 + (0.001 if i % 2 else 0.0), y] for i, (_, y) in enumerate(wave)]
    left = [[0.0, 0.0], *wave, [0.0, 1.0], [0.0, 0.0]]
    right = [*wave, [2.0, 1.0], [2.0, 0.0], [1.0, 0.0]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"nom": n}, "geometry": {"type": "Polygon", "coordinates": [r]}}
            for n, r in (("gauche", left), ("droite", right))
        ],
    }
    out = maps.simplify_coverage(collection, tolerance=0.01, digits=4, min_area=0.0)
    left_out, right_out = (f["geometry"]["coordinates"][0][0] for f in out["features"])
    shared = {tuple(p) for p in left_out} & {tuple(p) for p in right_out}
    assert shared == {(1.0, 0.0), (1.0, 1.0)}  # the wave is gone, on both sides at once
    assert len(left_out) == 5 and len(right_out) == 5


def test_counts_beside_the_map_add_up(repo):
    corpus = load(repo(poles=FICHES))
    poles = json.loads(maps.poles_geojson(corpus))["features"]
    by_slug = {f["properties"]["slug"]: f for f in poles}
    assert set(by_slug) == {"a", "b", "c", "d"}
    assert by_slug["a"]["geometry"]["type"] == "Point" and by_slug["a"]["properties"]["region"] == "normandie"
    assert by_slug["b"]["geometry"] is None and by_slug["b"]["properties"]["region"] == "bretagne"
    assert by_slug["d"]["geometry"] is None and by_slug["d"]["properties"]["region"] == ""
    regions = {
        f["properties"]["nom"]: f["properties"] for f in json.loads(maps.regions_geojson(corpus))["features"]
    }
    assert (regions["Bretagne"]["fiches"], regions["Bretagne"]["placees"]) == (2, 0)
    assert (regions["Normandie"]["fiches"], regions["Normandie"]["placees"]) == (1, 1)
    assert "2 fiches : 0 sur la carte, 2 connues seulement par la région" in regions["Bretagne"]["popup"]
    # a region's link is its page, as the directory writes it, relative to the data file
    assert regions["Bretagne"]["lien"] == "../regions/bretagne/"
    assert urls.region("Bretagne") == "regions/bretagne.md"
    assert "lien" not in regions["Corse"]  # no fiche, no page
    overseas = {n for n, p in regions.items() if p["outre_mer"]}
    assert overseas == {"Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"}


def test_a_region_outline_is_the_full_drawing_of_that_region(repo):
    corpus = load(repo(poles=FICHES))
    outline = json.loads(maps.region_outline_geojson(corpus, "Bretagne"))
    [feature] = outline["features"]
    original = next(
        f for f in maps.polygons(GEO, "regions")["features"] if f["properties"]["nom"] == "Bretagne"
    )
    assert feature["geometry"] == original["geometry"]
    assert feature["properties"]["code"] == "bretagne" and feature["properties"]["fiches"] == 2
    assert feature["properties"]["lien"] == "../../regions/bretagne/"  # from cartes/regions/
    assert len(maps.region_names(corpus)) == 18


def test_map_pages_tell_their_script_what_it_may_accept(repo):
    corpus = load(repo(poles=FICHES))
    html = maps.build_map(
        corpus, corpus.poles, map_uri=urls.FRANCE_MAP, title="Carte", tiles=maps.Tiles(), choropleth=True
    )
    config = json.loads(re.search(r'id="ptce-carte-config">(.*?)</script>', html, re.S).group(1))
    assert set(config["regions"]) == {
        f["properties"]["code"] for f in maps.overview_polygons(GEO, "regions")["features"]
    }
    assert set(config["statuts"]) == set(corpus.vocabulaires["statuts"]) | {""}
    assert set(config["thematiques"]) == set(corpus.vocabulaires["thematiques"])
    assert config["donnees"]["contours"] == "regions/"
    (south, west), (north, east) = config["vue"]
    assert 41 < south < 42 and -6 < west < -4 and 51 < north < 52 and 9 < east < 10  # Corsica to Dunkirk
    region = maps.build_map(
        corpus,
        corpus.poles,
        map_uri=urls.map_of_region("Bretagne"),
        title="Bretagne",
        tiles=maps.Tiles(),
        region="Bretagne",
    )
    config = json.loads(re.search(r'id="ptce-carte-config">(.*?)</script>', region, re.S).group(1))
    assert config["region"] == "bretagne" and config["mode"] == "region"
    assert config["donnees"]["contours"] + "bretagne.geojson" == "./bretagne.geojson"  # beside the page
    assert urls.outline_of_region("Bretagne") == "cartes/regions/bretagne.geojson"


def test_the_embed_page_lists_every_value_the_map_accepts(repo):
    corpus = load(repo(poles=FICHES))
    page = maps.embed_page(corpus)
    for name in maps.EMBED_PARAMETERS:
        assert f"| `{name}` |" in page
    for key in [*corpus.vocabulaires["statuts"], *corpus.vocabulaires["thematiques"]]:
        assert f"<code>{key}</code>" in page and f'<option value="{key}">' in page
    for name in maps.region_names(corpus):
        assert (
            f"<code>{urls.outline_of_region(name).rsplit('/', 1)[1].removesuffix('.geojson')}</code>" in page
        )
    # without JavaScript: a working snippet pointing at the published map
    assert f"&lt;iframe src=&quot;{urls.SITE}{urls.FRANCE_MAP}&quot;" in page
    assert '<form id="ptce-integrer" class="ptce-integrer" hidden>' in page  # shown by its script


def test_every_map_in_a_page_can_be_skipped():
    html = maps.iframe("../cartes/france.html", "Carte")
    link = html.index('href="#apres-la-carte"')
    assert link < html.index("<iframe") < html.index('id="apres-la-carte"')
    assert ">Passer la carte</a>" in html
