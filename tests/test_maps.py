"""Maps: self-hosted, deterministic, escaped, and consistent with the index pages."""

from __future__ import annotations

import json
import re

from conftest import ROOT

from ptce.records.corpus import load
from ptce.render import indexes, maps
from ptce.text import urls

TILES = maps.Tiles()


def render(corpus, **kw):
    return maps.build_map(
        corpus, corpus.poles, map_uri="cartes/france.html", title="Carte", tiles=TILES, **kw
    )


def config_of(html: str) -> dict:
    """The settings a map page gives its script (what it loads, the data files it fetches)."""
    m = re.search(r'<script type="application/json" id="ptce-carte-config">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def pole_points(corpus) -> list[dict]:
    """The located poles of cartes/poles.geojson, the file the France and region maps fetch."""
    data = json.loads(maps.poles_geojson(corpus))
    return [f for f in data["features"] if f["geometry"]]


def test_map_loads_nothing_but_site_files_and_tiles(real_corpus):
    html = render(real_corpus, choropleth=True)
    tags = re.findall(r"<(?:script|link)[^>]+(?:src|href)=\"([^\"]+)\"", html)
    config = config_of(html)
    # the page's own script and style, then Leaflet when the map is wanted
    assert tags == ["../assets/carte-ptce.js", "../assets/carte-ptce.css"], tags
    loaded = config["scripts"] + config["styles"]
    assert loaded and all(u.startswith("../assets/vendor/") for u in loaded), loaded
    assert all(not u.startswith(("http:", "https:", "//")) for u in config["donnees"].values())
    external = set(re.findall(r"https?://[^\"'\s\\)]+", html))
    assert external <= {TILES.url, "https://www.openstreetmap.org/copyright"}, external
    assert '<html lang="fr">' in html and "<title>Carte</title>" in html
    assert "jquery" not in html.lower()


def test_every_located_pole_is_on_the_map_and_no_other(real_corpus):
    corpus = real_corpus
    located = {e.slug for e in corpus.poles if e.place.has_point}
    assert len(located) >= 20
    on_map = [f["properties"]["slug"] for f in pole_points(corpus)]
    assert sorted(on_map) == sorted(located)
    # the others are in the file too, without a position, to be counted beside the map
    everything = json.loads(maps.poles_geojson(corpus))["features"]
    assert sorted(f["properties"]["slug"] for f in everything) == sorted(e.slug for e in corpus.poles)


def test_choropleth_counts_equal_the_index_pages(real_corpus):
    corpus = real_corpus
    by_region = {name: len(entries) for name, entries in indexes.regions_of(corpus).items()}
    assert maps.region_counts(corpus, "region") == by_region
    olds = maps.region_counts(corpus, "ancienne_region")
    assert sum(olds.values()) == sum(1 for e in corpus.poles if e.place.ancienne_region)
    geo = json.loads((ROOT / "data/geo/regions.geojson").read_text())
    names = {f["properties"]["nom"] for f in geo["features"]}
    assert set(by_region) <= names  # every counted region has a polygon to colour


def test_map_output_is_deterministic(real_corpus):
    corpus = real_corpus
    assert render(corpus, choropleth=True) == render(corpus, choropleth=True)


def test_popup_and_tooltip_values_are_escaped(repo):
    fiche = """---
nom: "<img src=x onerror=alert(1)>"
code_postal: "14000"
commune: "Caen"
date_maj: "2026-11-23"
---
"""
    corpus = load(repo(poles={"hostile.md": fiche}))
    html = render(corpus, choropleth=True)
    assert "<img src=x" not in html and "<img src=x" not in maps.poles_geojson(corpus)
    props = pole_points(corpus)[0]["properties"]
    assert props["nom"] == "&lt;img src=x onerror=alert(1)&gt;"
    # the popup of the pole's own map; on the shared maps the script writes it from these escaped fields
    [entry] = corpus.poles
    uri = urls.map_of_pole("hostile")
    page = maps.point_map(corpus, entry, map_uri=uri, title=entry.fiche.nom, tiles=TILES, zoom=12)
    assert "<img src=x" not in page
    popup = config_of(page)["points"]["features"][0]["properties"]["popup"]
    assert "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>" in popup
    assert 'href="../../poles/hostile/"' in popup


def test_assets_exist_in_the_xstatic_packages():
    files = maps.asset_files()
    assert all(p.is_file() for p in files.values()), [p for p in files.values() if not p.is_file()]
    assert "assets/vendor/leaflet/leaflet.js" in files
    # nothing needs jQuery any more; and no pointer to a source map that is not published (a 404)
    assert not any("jquery" in uri for uri in files)
    for uri, path in files.items():
        if uri.endswith(".js"):
            assert b"sourceMappingURL" not in path.read_bytes(), uri


def test_built_map_pages_are_self_hosted(built):
    pages = list((built / "cartes").rglob("*.html"))
    assert (built / "cartes/france.html") in pages and len(pages) > 21
    for page in pages:
        html = page.read_text(encoding="utf-8")
        config = config_of(html)
        refs = re.findall(r"<(?:script|link)[^>]+(?:src|href)=\"([^\"]+)\"", html)
        data = dict(config.get("donnees", {}))
        outlines = data.pop("contours", None)
        refs += config["scripts"] + config["styles"] + list(data.values())
        for ref in refs:
            assert (page.parent / ref).resolve().is_file(), (page, ref)
        if outlines:  # every region's outline, for a map embedded with ?region=
            for slug in config["regions"]:
                assert (page.parent / outlines / f"{slug}.geojson").resolve().is_file(), (page, slug)
    carte = (built / "carte/index.html").read_text(encoding="utf-8")
    assert (
        'src="../cartes/france.html"' in carte
        and 'loading="lazy"' in carte
        and 'title="Carte des pôles' in carte
    )


def test_point_maps_from_a_template_equal_full_folium_renders():
    """Every pole and venue map is byte-identical to what folium renders for it alone."""
    from pathlib import Path

    from ptce.records.corpus import load
    from ptce.render import maps
    from ptce.text import urls

    root = Path(__file__).resolve().parent.parent
    corpus, fresh = load(root), load(root)
    tiles = maps.Tiles()
    checked = 0
    for e in corpus.poles + corpus.events:
        if not e.place.has_point:
            continue
        is_event = e in corpus.events
        uri = urls.map_of_event(e.slug) if is_event else urls.map_of_pole(e.slug)
        title = e.fiche.titre if is_event else e.fiche.nom
        zoom, legend = (13, False) if is_event else (12, True)
        fast = maps.point_map(corpus, e, map_uri=uri, tiles=tiles, zoom=zoom, title=title, legend=legend)
        full = maps.build_map(fresh, [e], map_uri=uri, tiles=tiles, zoom=zoom, title=title, legend=legend)
        assert fast == full, e.slug
        checked += 1
    assert checked >= 20 and len(corpus.memo["point_maps"]) < checked  # templates were reused
