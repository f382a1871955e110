"""Maps as standalone HTML pages (embedded in iframes), built with folium.

Everything the page loads comes from the site itself (assets copied from the
XStatic packages), except the tiles, whose server is a setting. Output is
deterministic: folium's random element ids are replaced by a counter.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import branca.element
import folium
import jinja2.utils
from folium.plugins import MarkerCluster
from folium.utilities import JsCode

from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import build_date
from ptce.records.models import Evenement
from ptce.render import agenda
from ptce.text import urls
from ptce.text.html import esc, rel

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
LINK_TEXT = {False: "Voir la fiche", True: "Voir l'événement"}

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
    "markercluster/MarkerCluster.Default.css": (
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.Default.css",
    ),
    "jquery/jquery.min.js": ("xstatic.pkg.jquery", "jquery.min.js"),
}
VENDOR = "assets/vendor"


def asset_files() -> dict[str, Path]:
    """Site path -> file in the installed XStatic package."""
    import importlib

    out = {}
    for target, (module, name) in ASSETS.items():
        base = Path(importlib.import_module(module).BASE_DIR)
        out[f"{VENDOR}/{target}"] = base / name
    return out


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


def pole_features(entries: list[Entry], corpus: Corpus, map_uri: str) -> list[dict]:
    """One GeoJSON point per pole with coordinates; popup HTML escaped here."""
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
            status = corpus.label("statuts", e.statut) if e.statut else "Statut non renseigné"
        commune = e.place.commune.nom if e.place.commune else ""
        href = rel(urls.event(e.slug) if is_event else urls.pole(e.slug), map_uri).removesuffix(".md") + "/"
        popup = (
            f"<strong>{text(name)}</strong><br>{text(commune)}<br>{text(status)}<br>"
            f'<a href="{text(href)}" target="_top">{LINK_TEXT[is_event]}</a>'
        )
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(e.place.lon, 5), round(e.place.lat, 5)]},
                "properties": {
                    "slug": e.slug,
                    "nom": text(name),
                    "statut": e.statut or "",
                    "couleur": STATUS_COLOURS.get(e.statut, STATUS_COLOURS[None]),
                    "popup": popup,
                },
            }
        )
    return out


def _legend(corpus: Corpus, statuses: list[str | None], choropleth: bool) -> str:
    rows = [
        f'<li><span class="pastille" style="background:{STATUS_COLOURS.get(s, STATUS_COLOURS[None])}"></span>'
        f"{text(corpus.label('statuts', s) if s else 'Statut non renseigné')}</li>"
        for s in statuses
    ]
    html = (
        '<div class="legende" role="region" aria-label="Légende"><p><strong>Statut des pôles</strong></p><ul>'
        + "".join(rows)
        + "</ul>"
    )
    if choropleth:
        bins = "".join(
            f'<li><span class="carre" style="background:{c}"></span>'
            f"{lo if lo == hi else (f'{lo} à {hi}' if hi < 10**9 else f'{lo} et plus')}</li>"
            for lo, hi, c in BINS
        )
        html += f'<p><strong>Fiches par région</strong></p><ul class="classes">{bins}</ul>'
    html += f'<p class="source">{esc(ATTRIBUTION_LIMITES)}</p></div>'
    return html


STYLE = (
    """<style>
.legende{position:absolute;bottom:56px;left:10px;z-index:1000;background:#fff;padding:6px 10px;
 font:12px/1.35 system-ui,sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.4);"""
    """max-width:min(320px,70%)}
.legende ul{list-style:none;margin:0 0 4px;padding:0}.legende ul.classes{display:flex;flex-wrap:wrap;"""
    """gap:2px 10px}.legende p{margin:2px 0}
.pastille{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px;"""
    """border:1px solid #333}
.carre{display:inline-block;width:12px;height:12px;margin-right:6px;border:1px solid #999}
.legende .source{font-size:11px;color:#333}
</style>"""
)


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
    """A complete HTML page with one map. map_uri: its path from the site root."""
    geo_dir = corpus.root / "data" / "geo"
    prefix = rel(VENDOR, map_uri)
    with _deterministic_ids():
        points = [e for e in entries if e.place.has_point]
        centre = (points[0].place.lat, points[0].place.lon) if zoom and points else FRANCE
        m = folium.Map(location=centre, zoom_start=zoom or 6, tiles=None, maxZoom=18, control_scale=True)
        m.default_js = [
            ("leaflet", f"{prefix}/leaflet/leaflet.js"),
            ("jquery", f"{prefix}/jquery/jquery.min.js"),
        ]
        m.default_css = [("leaflet_css", f"{prefix}/leaflet/leaflet.css")]
        if tiles.url:
            folium.TileLayer(
                tiles=tiles.url, attr=tiles.attribution, name="Fond de carte", max_zoom=18, control=False
            ).add_to(m)

        if choropleth:
            for name, field, label, show in (
                ("regions", "region", "Régions (depuis 2016)", True),
                ("anciennes-regions", "ancienne_region", "Régions d'avant 2016", False),
            ):
                counts = region_counts(corpus, field)
                data = polygons(geo_dir, name)
                layer = folium.FeatureGroup(name=label, overlay=False, show=show)
                folium.GeoJson(
                    data,
                    style_function=lambda f, counts=counts: {
                        "fillColor": bin_colour(counts.get(f["properties"]["nom"], 0)),
                        "color": "#555",
                        "weight": 1,
                        "fillOpacity": 0.6,
                    },
                    tooltip=folium.GeoJsonTooltip(fields=["nom"], labels=False),
                ).add_to(layer)
                layer.add_to(m)
        elif region:
            data = polygons(geo_dir, "regions")
            outline = {
                "type": "FeatureCollection",
                "features": [f for f in data["features"] if f["properties"]["nom"] == region],
            }
            folium.GeoJson(
                outline,
                style_function=lambda f: {"color": "#00695c", "weight": 2, "fillOpacity": 0.05},
                control=False,
            ).add_to(m)
            bounds = _bounds_of(outline)
            if bounds:
                m.fit_bounds(bounds)

        statuses = []
        for status in sorted({e.statut for e in points}, key=lambda s: (s is None, s or "")):
            group = [e for e in points if e.statut == status]
            statuses.append(status)
            label = corpus.label("statuts", status) if status else "Statut non renseigné"
            cluster = MarkerCluster(name=f"{text(label)} ({len(group)})", show=True)
            cluster.default_js = [("markerclusterjs", f"{prefix}/markercluster/leaflet.markercluster.js")]
            cluster.default_css = [
                ("markerclustercss", f"{prefix}/markercluster/MarkerCluster.css"),
                ("markerclusterdefaultcss", f"{prefix}/markercluster/MarkerCluster.Default.css"),
            ]
            folium.GeoJson(
                {"type": "FeatureCollection", "features": pole_features(group, corpus, map_uri)},
                marker=folium.CircleMarker(radius=8, weight=2, fill=True, fill_opacity=0.9),
                style_function=lambda f: {"color": "#ffffff", "fillColor": f["properties"]["couleur"]},
                # Bound on each point: the cluster adopts the points, never the GeoJSON group itself.
                # Both strings were escaped by pole_features().
                on_each_feature=JsCode(
                    "function(feature, layer) {"
                    " layer.bindPopup(feature.properties.popup);"
                    " layer.bindTooltip(feature.properties.nom); }"
                ),
            ).add_to(cluster)
            cluster.add_to(m)
        if choropleth or len(statuses) > 1:
            folium.LayerControl(collapsed=False).add_to(m)
        root = m.get_root()
        root.header.add_child(
            branca.element.Element(f"<title>{text(title)}</title>" + STYLE), name="ptce_style"
        )
        if legend:
            root.html.add_child(
                branca.element.Element(_legend(corpus, statuses, choropleth)), name="ptce_legend"
            )
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
    Html Checker reports a stray <script>); browsers run it at the end of the body: put it there."""
    head, sep, tail = html.rpartition("</body>\n<script>")
    if not sep:
        return html
    script, end, rest = tail.rpartition("</script>\n</html>")
    assert end and "</body>" not in script and not rest.strip(), "branca's page template changed"
    return f"{head}<script>{script}</script>\n</body>\n</html>{rest}"


def _tojson(value) -> str:
    """As folium's templates write data (Jinja's tojson filter)."""
    return str(jinja2.utils.htmlsafe_json_dumps(value, dumps=json.dumps, sort_keys=True))


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
    return (
        f'<iframe class="ptce-carte" src="{esc(src)}" title="{esc(title)}" loading="lazy" '
        f'style="width:100%;height:{height}px;border:1px solid #ccc"></iframe>\n\n'
        f"<small>Fond de carte : OpenStreetMap ; {esc(ATTRIBUTION_LIMITES)}.</small>\n"
    )
