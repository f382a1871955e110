"""Maps as standalone HTML pages (embedded in iframes), built with folium, and the data they fetch.

folium writes each map page: the Leaflet map and its settings; the site's own script
(docs/assets/carte-ptce.js) loads Leaflet when the map is wanted (at once on a wide screen, on a phone
when the map scrolls into view or on a tap), adds the tiles once the map has its view, then draws the
poles and regions from files
the site publishes beside the pages (cartes/*.geojson), never inlined: the France map page stays a
few kilobytes. Everything comes from the site itself (assets copied from the XStatic packages)
except the tiles, whose server is a setting. Output is deterministic: folium's random element ids
are replaced by a counter.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import branca.element
import folium
import jinja2
import jinja2.utils

from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import build_date
from ptce.records.geo import fold
from ptce.records.models import Evenement
from ptce.render import agenda
from ptce.render.blocks import front_matter
from ptce.text import urls
from ptce.text.html import esc, from_page, rel

ATTRIBUTION_LIMITES = "Limites administratives : IGN, INSEE, DILA – Licence Ouverte 2.0"
STATUS_COLOURS = {
    "candidat-appel-2012": "#1565c0",
    "pole-temoin": "#c62828",
    "en-projet": "#ef6c00",
    "operationnel": "#2e7d32",
    "en-sommeil": "#616161",
    "ferme": "#212121",
    None: "#6a1b9a",
}
NO_STATUS = "Statut non renseigné"
BINS = [
    (0, 0, "#eeeeee"),
    (1, 2, "#c7e9b4"),
    (3, 5, "#7fcdbb"),
    (6, 10, "#41b6c4"),
    (11, 20, "#1d91c0"),
    (21, 40, "#225ea8"),
    (41, 10**9, "#0c2c84"),
]
FRANCE = (46.6, 2.4)
# Metropolitan France, Corsica included: a region whose outline lies outside is overseas.
METROPOLE_BOX = ((41.0, -5.5), (51.5, 10.0))
LINK_TEXT = {False: "Voir la fiche", True: "Voir l'événement"}
# The overview polygons: simplified again (about 2 km, under a pixel at the zoom that shows France)
# from data/geo, neighbours keeping shared borders; coordinates to 0.01° (about 1 km).
OVERVIEW_TOLERANCE = 0.02
OVERVIEW_DIGITS = 2
OVERVIEW_MIN_AREA = 0.002  # square degrees (about 17 km²): smaller islands are left out of the overview
# Parameters an embedded map reads from its address (the page /carte/integrer/ explains them).
EMBED_PARAMETERS = ("region", "statut", "thematique", "centre", "zoom")

# Where the vendored assets are published, relative to the site root, and where they come from.
ASSETS = {
    "leaflet/leaflet.js": ("xstatic.pkg.leaflet", "leaflet.js"),
    "leaflet/leaflet.css": ("xstatic.pkg.leaflet", "leaflet.css"),
    "leaflet/images/layers.png": ("xstatic.pkg.leaflet", "images/layers.png"),
    "leaflet/images/layers-2x.png": ("xstatic.pkg.leaflet", "images/layers-2x.png"),
    "leaflet/images/marker-icon.png": ("xstatic.pkg.leaflet", "images/marker-icon.png"),
    "leaflet/images/marker-icon-2x.png": ("xstatic.pkg.leaflet", "images/marker-icon-2x.png"),
    "leaflet/images/marker-shadow.png": ("xstatic.pkg.leaflet", "images/marker-shadow.png"),
    "markercluster/leaflet.markercluster.js": (
        "xstatic.pkg.leaflet_markercluster",
        "leaflet.markercluster.js",
    ),
    "markercluster/MarkerCluster.css": ("xstatic.pkg.leaflet_markercluster", "MarkerCluster.css"),
}
VENDOR = "assets/vendor"
RUNTIME_JS = "assets/carte-ptce.js"  # docs/assets/, copied by MkDocs
RUNTIME_CSS = "assets/carte-ptce.css"
EMBED_JS = "assets/carte-integrer.js"
EMBED_CSS = "assets/carte-integrer.css"
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "carte"
_SOURCE_MAP = re.compile(rb"\n?//# sourceMappingURL=\S+\s*$")


def asset_files() -> dict[str, Path]:
    """Site path -> file to publish: the XStatic package's, or a copy without its `//# sourceMappingURL`
    comment (the packages' minified files point at maps they do not ship: a 404 in every browser's tools)."""
    out = {}
    for target, (module, name) in ASSETS.items():
        source = Path(importlib.import_module(module).BASE_DIR) / name
        out[f"{VENDOR}/{target}"] = _without_source_map(source, target) if name.endswith(".js") else source
    return out


def _without_source_map(source: Path, target: str) -> Path:
    data = source.read_bytes()
    stripped = _SOURCE_MAP.sub(b"\n", data)
    if stripped == data:
        return source
    dest = CACHE / target
    if not dest.is_file() or dest.read_bytes() != stripped:
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent)  # atomic: two builds may run at once
        with os.fdopen(fd, "wb") as f:
            f.write(stripped)
        os.replace(tmp, dest)
    return dest


@dataclass(frozen=True)
class Tiles:
    """The one external host a map may contact; None for a map without background."""

    url: str | None = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    attribution: str = (
        '&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d\'OpenStreetMap</a>'
    )


def tiles(extra: dict | None) -> Tiles:
    """The tile server, the maps' only external host: `extra.carte` of mkdocs.yml (none: the default)."""
    conf = (extra or {}).get("carte")
    return Tiles(conf.get("tuiles") or None, conf.get("attribution", "")) if conf else Tiles()


@contextlib.contextmanager
def _deterministic_ids():
    counter = itertools.count(1)
    original = branca.element.Element._generate_id
    branca.element.Element._generate_id = classmethod(lambda cls: f"{next(counter):08x}")
    try:
        yield
    finally:
        branca.element.Element._generate_id = original


@lru_cache(maxsize=4)
def polygons(geo_dir: Path, name: str) -> dict:
    return json.loads((geo_dir / f"{name}.geojson").read_text(encoding="utf-8"))


def bin_colour(n: int) -> str:
    return next(colour for low, high, colour in BINS if low <= n <= high)


def region_counts(corpus: Corpus, field: str) -> dict[str, int]:
    """Number of fiches per region ('region') or pre-2016 region ('ancienne_region')."""
    counts: dict[str, int] = {}
    for e in corpus.poles:
        name = getattr(e.place, field)
        if name:
            counts[name] = counts.get(name, 0) + 1
    return counts


def text(value: object) -> str:
    """Contributed text for a map page: HTML-escaped, and without "{" or "}".

    branca compiles what folium renders (title, GeoJSON data, layer names) as a new Jinja
    template, outside any sandbox: "{{ … }}" in a pole's name would run at build time.
    Leaflet shows popups, tooltips and layer names as HTML, so the entities display as braces."""
    return esc(value).replace("{", "&#123;").replace("}", "&#125;")


def status_label(corpus: Corpus, status: str | None) -> str:
    return corpus.label("statuts", status) if status else NO_STATUS


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on background (WCAG contrast of a cluster's count)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lum = luminance(background)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"


def pole_features(entries: list[Entry], corpus: Corpus, map_uri: str) -> list[dict]:
    """One GeoJSON point per located pole or event; popup HTML escaped here, links relative to map_uri."""
    out = []
    today = build_date()
    for e in entries:
        if not e.place.has_point:
            continue
        is_event = isinstance(e.fiche, Evenement)
        name = e.fiche.titre if is_event else e.fiche.nom
        if is_event:  # read on the build date, as on the event's page
            status = agenda.shown_status(e, corpus, today)
        else:
            status = status_label(corpus, e.statut)
        commune = e.place.commune.nom if e.place.commune else ""
        href = rel(urls.event(e.slug) if is_event else urls.pole(e.slug), map_uri).removesuffix(".md") + "/"
        popup = (
            f"<strong>{text(name)}</strong><br>{text(commune)}<br>{text(status)}<br>"
            f'<a href="{text(href)}" target="_top">{LINK_TEXT[is_event]}</a>'
        )
        colour = STATUS_COLOURS.get(e.statut, STATUS_COLOURS[None])
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(e.place.lon, 5), round(e.place.lat, 5)]},
                "properties": {
                    "slug": e.slug,
                    "nom": text(name),
                    "statut": e.statut or "",
                    "couleur": colour,
                    "popup": popup,
                    **({} if is_event else _filters(e)),
                },
            }
        )
    return out


def _filters(e: Entry) -> dict:
    """What an embedded map filters on: the region (as in its address) and the themes."""
    return {
        "region": urls.slug(e.place.region) if e.place.region else "",
        "thematiques": list(e.fiche.thematiques),
    }


def poles_geojson(corpus: Corpus) -> str:
    """cartes/poles.geojson, fetched by the France, region and embedded maps: every pole, located ones as
    points, the others without geometry so that the maps can count them per region (« connus seulement
    par leur région »). Lean: the script writes each popup from the name, the commune (both escaped
    here), the status (its label and colour are in the page) and the slug (the fiche's address)."""
    features = []
    for e in corpus.poles:
        props = {"slug": e.slug, "statut": e.statut or "", **_filters(e)}
        geometry = None
        if e.place.has_point:
            geometry = {"type": "Point", "coordinates": [round(e.place.lon, 5), round(e.place.lat, 5)]}
            props["nom"] = text(e.fiche.nom)
            props["commune"] = text(e.place.commune.nom) if e.place.commune else ""
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    features.sort(key=lambda f: f["geometry"] is None)  # the located poles first, as on the map
    return _compact({"type": "FeatureCollection", "features": features})


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


# --- Overview polygons ---------------------------------------------------------------------------------


def _douglas_peucker(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """An open polyline simplified, its two ends kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
            d = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2
            if d > best:
                best, index = d, i
        if best > limit:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring_area(ring: list[tuple[float, float]]) -> float:
    n = len(ring)
    return (
        abs(sum(ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1] for i in range(n))) / 2
    )


def simplify_coverage(collection: dict, tolerance: float, digits: int, min_area: float) -> dict:
    """Polygons that share borders (data/geo: regions are unions of departments), simplified so that
    neighbours keep sharing them: rings are cut into arcs where the set of rings along them changes,
    each arc is simplified once (Douglas-Peucker), both neighbours get the same result. Rings that
    shrink under min_area (small islands) are left out; MultiPolygons out."""
    rings: list[tuple[tuple[int, int, int], list[tuple[float, float]]]] = []
    for fi, feature in enumerate(collection["features"]):
        geometry = feature["geometry"]
        shapes = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for pi, shape in enumerate(shapes):
            for ri, ring in enumerate(shape):
                points = [(p[0], p[1]) for p in ring]
                if points[0] == points[-1]:
                    points.pop()
                rings.append(((fi, pi, ri), points))
    owners: dict[frozenset, set[int]] = {}
    for rid, (_, points) in enumerate(rings):
        for i, p in enumerate(points):
            owners.setdefault(frozenset((p, points[(i + 1) % len(points)])), set()).add(rid)
    arcs: dict[tuple, list[tuple[float, float]]] = {}
    kept: dict[tuple[int, int, int], list[list[float]]] = {}
    for where, points in rings:
        n = len(points)
        edges = [frozenset(owners[frozenset((p, points[(i + 1) % n]))]) for i, p in enumerate(points)]
        nodes = [i for i in range(n) if edges[i - 1] != edges[i]] or [min(range(n), key=points.__getitem__)]
        out: list[tuple[float, float]] = []
        for k, start in enumerate(nodes):
            end = nodes[(k + 1) % len(nodes)]
            arc = tuple(points[(start + j) % n] for j in range(((end - start) % n or n) + 1))
            canonical = min(arc, arc[::-1])
            if canonical not in arcs:
                line = list(canonical)
                if line[0] == line[-1]:  # a closed loop: cut at its farthest point from the start
                    far = max(
                        range(len(line)),
                        key=lambda i: (line[i][0] - line[0][0]) ** 2 + (line[i][1] - line[0][1]) ** 2,
                    )
                    arcs[canonical] = _douglas_peucker(line[: far + 1], tolerance)[:-1] + _douglas_peucker(
                        line[far:], tolerance
                    )
                else:
                    arcs[canonical] = _douglas_peucker(line, tolerance)
            simplified = arcs[canonical] if canonical == arc else arcs[canonical][::-1]
            out += simplified[:-1]
        rounded = [(round(x, digits), round(y, digits)) for x, y in out]
        ring = [p for i, p in enumerate(rounded) if p != rounded[i - 1]]
        if len(ring) >= 3 and _ring_area(ring) >= min_area:
            kept[where] = [list(p) for p in ring + ring[:1]]
    features = []
    for fi, feature in enumerate(collection["features"]):
        geometry = feature["geometry"]
        shapes = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        coordinates = [
            [kept[(fi, pi, ri)] for ri in range(len(shape)) if (fi, pi, ri) in kept]
            for pi, shape in enumerate(shapes)
            if (fi, pi, 0) in kept
        ]
        geometry = {"type": "MultiPolygon", "coordinates": coordinates}
        features.append({"type": "Feature", "properties": dict(feature["properties"]), "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=4)
def _overview(geo_dir: Path, name: str) -> str:
    return json.dumps(
        simplify_coverage(polygons(geo_dir, name), OVERVIEW_TOLERANCE, OVERVIEW_DIGITS, OVERVIEW_MIN_AREA)
    )


def overview_polygons(geo_dir: Path, name: str) -> dict:
    """The polygons of data/geo/<name>.geojson for the overview maps (a fresh copy: callers add to it)."""
    return json.loads(_overview(geo_dir, name))


def _bounds_of(feature_collection: dict, names: set[str] | None = None) -> list[list[float]] | None:
    lats, lons = [], []

    def walk(coords):
        if coords and isinstance(coords[0], (int, float)):
            lons.append(coords[0])
            lats.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for f in feature_collection["features"]:
        if names is None or f["properties"]["nom"] in names:
            walk(f["geometry"]["coordinates"])
    return [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None


@lru_cache(maxsize=2)
def _extents(geo_dir: Path) -> tuple[dict[str, list[list[float]] | None], list[list[float]] | None]:
    """Each region's extent by slug, and metropolitan France's: the same for every map (computed once)."""
    features = polygons(geo_dir, "regions")["features"]
    bounds = {urls.slug(f["properties"]["nom"]): _bounds_of({"features": [f]}) for f in features}
    metropole = [f for f in features if not _overseas(bounds[urls.slug(f["properties"]["nom"])])]
    return bounds, _bounds_of({"features": metropole})


def _overseas(bounds: list[list[float]]) -> bool:
    (south, west), (north, east) = METROPOLE_BOX
    return not (
        south <= bounds[0][0] and bounds[1][0] <= north and west <= bounds[0][1] and bounds[1][1] <= east
    )


def _describe_regions(corpus: Corpus, collection: dict, name: str, here: str) -> dict:
    """The properties a map reads from a region: its number of fiches (the colour of the choropleth),
    how many are on the map, and a popup linking to the region's page (relative to here)."""
    field = "region" if name == "regions" else "ancienne_region"
    counts = region_counts(corpus, field)
    located: dict[str, int] = {}
    for e in corpus.poles:
        key = getattr(e.place, field)
        if key and e.place.has_point:
            located[key] = located.get(key, 0) + 1
    for feature in collection["features"]:
        props = feature["properties"]
        region = props["nom"] if name == "regions" else props["region"]
        n, placed = counts.get(props["nom"], 0), located.get(props["nom"], 0)
        page = rel(urls.region(region), here).removesuffix(".md") + "/"
        bounds = _bounds_of({"features": [feature]})
        words = f"{n} fiche{'s' if n > 1 else ''}"
        if n:
            rest = n - placed
            words += (
                f" : {placed} sur la carte, {rest} connue{'s' if rest > 1 else ''} seulement par la région"
            )
        popup = f"<strong>{text(props['nom'])}</strong><br>{text(words)}"
        has_page = region in region_counts(corpus, "region")  # a region without fiche has no page
        if has_page:
            popup += f'<br><a href="{text(page)}" target="_top">Les pôles en {text(region)}</a>'
        props.update(
            {
                "code": urls.slug(props["nom"]),
                "fiches": n,
                "placees": placed,
                "couleur": bin_colour(n),
                "popup": popup,
                "outre_mer": bool(bounds and _overseas(bounds)),
                **({"lien": page} if has_page else {}),
            }
        )
    return collection


def regions_geojson(corpus: Corpus, name: str = "regions") -> str:
    """cartes/regions.geojson or cartes/anciennes-regions.geojson: the overview polygons, described."""
    collection = overview_polygons(corpus.root / "data" / "geo", name)
    return _compact(_describe_regions(corpus, collection, name, urls.map_data(name)))


def region_names(corpus: Corpus) -> list[str]:
    """The 2016 regions of data/geo, in French alphabetical order."""
    return sorted(
        (f["properties"]["nom"] for f in polygons(corpus.root / "data" / "geo", "regions")["features"]),
        key=fold,
    )


def region_outline_geojson(corpus: Corpus, region: str) -> str:
    """cartes/regions/<region>.geojson: one region's outline as data/geo draws it (a region's map is
    zoomed in, where the overview's simplification would show), described as in the overview."""
    features = polygons(corpus.root / "data" / "geo", "regions")["features"]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": dict(f["properties"]), "geometry": f["geometry"]}
            for f in features
            if f["properties"]["nom"] == region
        ],
    }
    return _compact(_describe_regions(corpus, collection, "regions", urls.outline_of_region(region)))


# --- Map pages -----------------------------------------------------------------------------------------


def _legend(corpus: Corpus, statuses: list[str | None], choropleth: bool) -> str:
    rows = [
        f'<li data-statut="{esc(s or "")}"><span class="pastille" '
        f'style="background:{STATUS_COLOURS.get(s, STATUS_COLOURS[None])}"></span>'
        f"{text(status_label(corpus, s))}</li>"
        for s in statuses
    ]
    html = '<details class="legende" open><summary>Légende</summary>'
    if rows:
        html += '<div class="ligne"><strong>Statut des pôles</strong><ul>' + "".join(rows) + "</ul></div>"
    if choropleth:
        bins = "".join(
            f'<li><span class="carre" style="background:{c}"></span>'
            f"{lo if lo == hi else (f'{lo} à {hi}' if hi < 10**9 else f'{lo} et plus')}</li>"
            for lo, hi, c in BINS
        )
        html += f'<div class="ligne"><strong>Fiches par région</strong><ul class="classes">{bins}</ul></div>'
    return html + "</details>"


class _Runtime(branca.element.MacroElement):
    """The site's map script takes over once folium has made the map (see carte-ptce.js): the page's
    settings as JSON, the bar under the map (legend, counts, attribution), and the map handed over."""

    _template = jinja2.Template(
        """
{% macro html(this, kwargs) %}
<script type="application/json" id="ptce-carte-config">{{ this.config }}</script>
<div class="barre" id="ptce-barre"><p class="message" id="ptce-message" role="status"></p>{{ this.legend }}
<div id="ptce-comptes"></div><p class="attribution">{{ this.attribution }}</p></div>
<noscript><p class="sans-js">La carte demande JavaScript. {{ this.fallback }}</p></noscript>
{% endmacro %}
{% macro script(this, kwargs) %}
return {{ this._parent.get_name() }};
{% endmacro %}
"""
    )

    def __init__(self, config: str, legend: str, attribution: str, fallback: str):
        super().__init__()
        self._name = "PtceRuntime"
        self.config, self.legend, self.attribution, self.fallback = config, legend, attribution, fallback


def _tojson(value) -> str:
    """As folium's templates write data (Jinja's tojson filter): safe inside a <script>."""
    return str(jinja2.utils.htmlsafe_json_dumps(value, dumps=json.dumps, sort_keys=True))


def _attribution(tiles: Tiles) -> str:
    background = f"Fond de carte : {tiles.attribution}" if tiles.url else ""
    parts = [background, esc(ATTRIBUTION_LIMITES), "Leaflet"]
    return " · ".join(p for p in parts if p)


def build_map(
    corpus: Corpus,
    entries: list[Entry],
    *,
    map_uri: str,
    title: str,
    tiles: Tiles,
    choropleth: bool = False,
    region: str | None = None,
    zoom: int | None = None,
    legend: bool = True,
) -> str:
    """A complete HTML page with one map. map_uri: its path from the site root.

    choropleth: the France map (regions coloured by their number of fiches, every pole); region: the
    map of one region's poles; otherwise the map of the located entries (one pole or event, zoom)."""
    geo_dir = corpus.root / "data" / "geo"
    prefix = rel(VENDOR, map_uri)
    points = [e for e in entries if e.place.has_point]
    config: dict = {
        "styles": [f"{prefix}/leaflet/leaflet.css"],
        "scripts": [f"{prefix}/leaflet/leaflet.js"],
        # added by the script once the map has its view: no tile fetched for a view it leaves at once
        "fond": tiles.url,
    }
    if choropleth or region:
        config["mode"] = "france" if choropleth else "region"
        config["styles"].append(f"{prefix}/markercluster/MarkerCluster.css")  # the site draws the clusters
        config["scripts"].append(f"{prefix}/markercluster/leaflet.markercluster.js")
        config["donnees"] = {
            "poles": rel(urls.MAP_POLES, map_uri),
            "regions": rel(urls.map_data("regions"), map_uri),
            "anciennes": rel(urls.map_data("anciennes-regions"), map_uri),
            # where the outline of each region is: <folder>/<region's slug>.geojson
            "contours": rel(posixpath.dirname(urls.outline_of_region("x")), map_uri) + "/",
        }
        config["liens"] = {
            "annuaire": rel("poles/index.md", map_uri).removesuffix("index.md"),
            "carte": rel("carte/index.md", map_uri).removesuffix("index.md"),
        }
        config["statuts"] = {
            k: {"nom": text(status_label(corpus, k)), "couleur": STATUS_COLOURS.get(k, STATUS_COLOURS[None])}
            for k in corpus.vocabulaires.get("statuts", {})
        }
        config["statuts"][""] = {"nom": NO_STATUS, "couleur": STATUS_COLOURS[None]}
        config["thematiques"] = {
            k: text(corpus.label("thematiques", k)) for k in corpus.vocabulaires.get("thematiques", {})
        }
        regions = polygons(geo_dir, "regions")
        config["regions"] = {
            urls.slug(f["properties"]["nom"]): text(f["properties"]["nom"]) for f in regions["features"]
        }
        # each region's extent, so that an embedded map takes its view before any data arrives
        config["bornes"], config["vue"] = _extents(geo_dir)
        if region:
            config["region"] = urls.slug(region)
            config["vue"] = config["bornes"].get(config["region"]) or config["vue"]
        statuses = sorted(
            {e.statut for e in corpus.poles if e.place.has_point}, key=lambda s: (s is None, s or "")
        )
    else:
        config["mode"] = "point"
        statuses = sorted({e.statut for e in points}, key=lambda s: (s is None, s or ""))
    centre = (points[0].place.lat, points[0].place.lon) if zoom and points else FRANCE
    features = {"type": "FeatureCollection", "features": pole_features(points, corpus, map_uri)}
    if config["mode"] == "point":
        config["points"] = features
    if "liens" in config:
        directory = esc(config["liens"]["annuaire"])
        fallback = f'<a href="{directory}" target="_top">L\'annuaire</a> donne la liste des pôles.'
    else:
        fallback = "L'adresse du lieu est donnée dans la page."
    with _deterministic_ids():
        m = folium.Map(
            location=centre,
            zoom_start=zoom or 6,
            tiles=None,
            maxZoom=18,
            zoom_control=False,  # added in French by carte-ptce.js
            attributionControl=False,  # written under the map, where it hides nothing
        )
        # Only the site's own script and style: it loads Leaflet when the map is wanted (config above).
        m.default_js = [("ptce", rel(RUNTIME_JS, map_uri))]
        m.default_css = [("ptce_css", rel(RUNTIME_CSS, map_uri))]
        legend_html = _legend(corpus, statuses, choropleth) if legend else ""
        _Runtime(_tojson(config), legend_html, _attribution(tiles), fallback).add_to(m)
        root = m.get_root()
        root.header.add_child(branca.element.Element(f"<title>{text(title)}</title>"), name="ptce_title")
        html = root.render()
    # Zoom must stay allowed (RGAA 10.4); folium's viewport forbids it.
    html = re.sub(
        r'<meta name="viewport"[^>]*>',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        html,
        count=1,
    )
    return _script_inside_body(html.replace("<html>", '<html lang="fr">', 1))


def _script_inside_body(html: str) -> str:
    """branca's page template puts the map script after </body>, which HTML does not allow (the Nu
    Html Checker reports a stray <script>): it goes at the end of the body, as a function that
    carte-ptce.js calls once Leaflet is loaded (folium's script needs Leaflet, which is loaded late)."""
    head, sep, tail = html.rpartition("</body>\n<script>")
    script, end, rest = tail.rpartition("</script>\n</html>")
    assert sep and end and "</body>" not in script and not rest.strip(), "branca's page template changed"
    return f"{head}<script>ptceCarte.lancer(function () {{{script}}});</script>\n</body>\n</html>{rest}"


def _point_parts(corpus: Corpus, entry: Entry, map_uri: str, title: str) -> list[str]:
    features = {"type": "FeatureCollection", "features": pole_features([entry], corpus, map_uri)}
    return [_tojson(features), _tojson([entry.place.lat, entry.place.lon]), f"<title>{text(title)}</title>"]


def point_map(
    corpus: Corpus, entry: Entry, *, map_uri: str, title: str, tiles: Tiles, zoom: int, legend: bool = True
) -> str:
    """The map of one pole or venue: folium renders one page per kind of map, the others only swap
    the point, the centre and the title (folium takes ~20 ms per page, this ~0.1 ms)."""
    templates = corpus.memo.setdefault("point_maps", {})  # one set per loaded corpus (labels may change)
    key = (posixpath.dirname(map_uri), entry.statut, isinstance(entry.fiche, Evenement), zoom, legend, tiles)
    parts = _point_parts(corpus, entry, map_uri, title)
    if key not in templates:
        html = build_map(corpus, [entry], map_uri=map_uri, title=title, tiles=tiles, zoom=zoom, legend=legend)
        if any(html.count(part) != 1 for part in parts):
            return html  # not a template we can reuse safely
        templates[key] = (html, parts)
        return html
    html, old = templates[key]
    for before, after in zip(old, parts, strict=True):
        html = html.replace(before, after, 1)
    return html


def iframe(src: str, title: str, height: int = 520) -> str:
    """A map in a page: a link that skips it (visible when focused) and the map document."""
    return (
        '<a class="md-skip ptce-passer-carte" href="#apres-la-carte" style="position:absolute">'
        "Passer la carte</a>\n"
        f'<iframe class="ptce-carte" src="{esc(src)}" title="{esc(title)}" loading="lazy" '
        f'style="width:100%;height:{height}px;border:1px solid #ccc"></iframe>\n\n'
        f'<small id="apres-la-carte" tabindex="-1">Fond de carte : OpenStreetMap ; '
        f"{esc(ATTRIBUTION_LIMITES)}.</small>\n"
    )


# --- /carte/integrer/ ----------------------------------------------------------------------------------


def _field(name: str, label: str, control: str, help_text: str = "") -> str:
    """One labelled field of the embed form (control: the attributes of an <input>, or a <select>)."""
    ident = f"ptce-i-{name}"
    widget = (
        control.replace("<select>", f'<select id="{ident}" name="{name}">', 1)
        if control.startswith("<select>")
        else f'<input id="{ident}" name="{name}" {control}'
        + (f' aria-describedby="{ident}-aide"' if help_text else "")
        + ">"
    )
    helper = f'<small id="{ident}-aide">{esc(help_text)}</small>' if help_text else ""
    return f'<p><label for="{ident}">{esc(label)}</label>{widget}{helper}</p>'


def _select(pairs: list[tuple[str, str]], empty: str) -> str:
    options = "".join(f'<option value="{esc(k)}">{esc(v)}</option>' for k, v in pairs)
    return f'<select><option value="">{esc(empty)}</option>{options}</select>'


def _values(pairs: list[tuple[str, str]]) -> str:
    return "<br>".join(f"<code>{esc(k)}</code> : {esc(v)}" for k, v in pairs)


def embed_page(corpus: Corpus) -> str:
    """The page /carte/integrer/: how to show the map on another site, a snippet generator (JavaScript;
    without it, the default snippet and the table of parameters), a preview, the accepted values."""
    page = urls.EMBED_PAGE
    src = urls.SITE + urls.FRANCE_MAP
    snippet = (
        f'<iframe src="{src}" title="Carte des pôles territoriaux de coopération économique" '
        'width="100%" height="500" style="border:1px solid #ccc" loading="lazy"></iframe>'
    )
    regions = [(urls.slug(n), n) for n in region_names(corpus)]
    statuts = [(k, status_label(corpus, k)) for k in corpus.vocabulaires.get("statuts", {})]
    themes = [(k, corpus.label("thematiques", k)) for k in corpus.vocabulaires.get("thematiques", {})]
    js, css = from_page(EMBED_JS, page), from_page(EMBED_CSS, page)
    preview = from_page(urls.FRANCE_MAP, page)
    form = [
        '<form id="ptce-integrer" class="ptce-integrer" hidden>',
        '<div class="champs">',
        _field("region", "Région", _select(regions, "Toute la France")),
        _field("statut", "Statut", _select(statuts, "Tous les statuts")),
        _field("thematique", "Thématique", _select(themes, "Toutes les thématiques")),
        _field(
            "centre",
            "Centre (latitude, longitude)",
            'inputmode="decimal" placeholder="48.11, -1.68"',
            "Facultatif, par exemple 48.11, -1.68 pour Rennes ; avec un zoom.",
        ),
        _field("zoom", "Zoom (2 à 18)", 'type="number" min="2" max="18" step="1" inputmode="numeric"'),
        _field("hauteur", "Hauteur (pixels)", 'type="number" min="250" max="1200" step="10" value="500"'),
        "</div>",
        '<p class="erreur" id="ptce-i-erreur" role="alert"></p>',
        "</form>\n",
    ]
    out = [
        front_matter(
            "Intégrer la carte sur votre site",
            "Montrer les pôles de votre région sur votre site : un code à copier, avec la région, le statut, "
            "la thématique, le centre et le zoom de la carte.",
        ),
        "# Intégrer la carte sur votre site\n",
        "Chambres régionales de l'économie sociale et solidaire, réseaux, collectivités : vous pouvez "
        "montrer la carte des pôles, ou ceux de votre région seulement, dans une page de votre site. "
        "Copiez le code ci-dessous dans votre page (en mode HTML de votre outil de publication) : la carte "
        "est servie par ce site et suit ses mises à jour. Chaque point mène à la fiche du pôle, ouverte "
        "dans un nouvel onglet.\n",
        f'<link rel="stylesheet" href="{esc(css)}">\n',
        *form,
        "## Le code à copier\n",
        f'<pre class="ptce-code"><code id="ptce-i-code">{esc(snippet)}</code></pre>\n',
        '<p class="ptce-copier" id="ptce-i-copier" hidden><button type="button" class="md-button">'
        'Copier le code</button> <span id="ptce-i-copie" role="status"></span></p>\n',
        "## Aperçu\n",
        f'<iframe class="ptce-carte" id="ptce-i-apercu" src="{esc(preview)}" '
        'title="Aperçu de la carte à intégrer" loading="lazy" '
        'style="width:100%;height:500px;border:1px solid #ccc"></iframe>\n',
        "## Les paramètres\n",
        "Sans JavaScript, ajoutez-les à la main à l'adresse de la carte, après un `?` et séparés par `&`, "
        f"par exemple `{src}?region=bretagne&statut=pole-temoin`. Un paramètre inconnu ou une valeur qui "
        "n'existe pas est signalé sur la carte, qui l'ignore.\n",
        "| Paramètre | Effet | Valeurs |\n|---|---|---|",
        f"| `region` | seulement les pôles de cette région, cadrée sur elle | {_values(regions)} |",
        f"| `statut` | seulement les pôles de ce statut | {_values(statuts)} |",
        f"| `thematique` | seulement les pôles de cette thématique | {_values(themes)} |",
        "| `centre` | le centre de la carte | latitude et longitude en degrés décimaux, séparées par une "
        "virgule : `48.11,-1.68` |",
        "| `zoom` | le niveau de zoom | un entier de 2 (le monde) à 18 (la rue) ; 6 montre la France |",
        "",
        "## Ce que montre la carte\n",
        "La carte place les pôles dont la commune est connue ; ceux que les sources ne situent que par "
        "leur région sont comptés sous la carte, avec un lien vers la page de leur région. Le fond de carte "
        "vient d'OpenStreetMap ; les limites administratives de l'IGN, de l'INSEE et de la DILA (Licence "
        "Ouverte 2.0). La [carte des pôles](index.md) de ce site est la même, en grand, avec les tableaux "
        "qui la résument.\n",
        f'<script src="{esc(js)}" defer></script>\n',
    ]
    return "\n".join(out)
