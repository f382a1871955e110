"""Open-data exports of the poles and events, generated from the validated records.

Columns are declared once (`POLE_COLUMNS`, `EVENT_FIELDS`): the CSV, its Table
Schema, the JSON Schemas of the exports (built by `ptce.render.schema` from these lists and
the models) and the /donnees/ page all read them, so the exports cannot drift from
the fiches or from their schemas. Personal contacts of named people
are exported only when the fiche says `public: true`, as on the pages.
Output is deterministic: records sorted by identifier, fixed key order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass

from ptce.records.corpus import Corpus, Entry
from ptce.records.fields import FORMULA_STARTS
from ptce.records.kinds import KINDS
from ptce.records.models import REFERENTIEL, Evenement, Pole
from ptce.render.reuse import Own, direct
from ptce.text.html import md

LICENCE = {"nom": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
FILES = {
    "poles.json": "application/json",
    "poles.csv": "text/csv",
    "poles.geojson": "application/geo+json",
    "evenements.json": "application/json",
    "poles.schema.json": "application/json",
}


# Published JSON Schema of each JSON export, by file name: /schemas/<name>.json (see ptce.render.schema).
SCHEMAS = {
    "poles.json": "export-pole",
    "evenements.json": "export-evenement",
    "poles.geojson": "export-pole-geojson",
}
ORIGINS = ["fiche", "commune"]  # where a point comes from (Place.coords_from)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type ("object" for a JSON-only value, described by `json`)
    get: Callable[[Entry, Corpus, str], object]
    description: str = ""
    constraints: dict | None = None
    field: str | None = None  # the value is this field of the fiche, as the model holds it
    json: dict | None = None  # JSON Schema of a value that is not a Table Schema scalar


def _model(name: str) -> str:
    return Pole.model_fields[name].description or ""


def _field(name: str):
    return lambda e, c, base: getattr(e.fiche, name)


def _join(values) -> str:
    return "|".join(values)


def _identifier(folder: str) -> Column:
    return Column(
        "identifiant",
        "string",
        lambda e, c, base: e.slug,
        f"Identifiant de la fiche (nom du fichier data/{folder}/<identifiant>.md), stable.",
        {"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"},
    )


def _page(path: str) -> Column:
    return Column(
        "url",
        "string",
        lambda e, c, base: f"{base}/{path}/{e.slug}/",
        "Adresse de la fiche sur ptce.fr.",
        {"required": True, "pattern": "https?://.+"},
    )


def _held(name: str, constraints: dict | None = None, description: str | None = None) -> Column:
    """A column that is a field of the fiche as it stands."""
    return Column(name, "string", _field(name), description or _model(name), constraints, field=name)


def _last_status_date(e: Entry, corpus: Corpus, base: str) -> str | None:
    last = e.fiche.statuts[-1] if e.fiche.statuts else None
    return last.date.iso() if last and last.date else None


PARTIAL_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"
POLE_COLUMNS = [
    _identifier("poles"),
    _held("nom", {"required": True}),
    _page("poles"),
    _held("type"),
    Column(
        "thematiques",
        "string",
        lambda e, c, base: _join(e.fiche.thematiques),
        _model("thematiques") + " Séparées par « | ».",
    ),
    Column(
        "statut",
        "string",
        lambda e, c, base: e.statut,
        "Statut actuel : le dernier de l'historique daté (section statuts de data/vocabulaires.yml).",
    ),
    Column(
        "date_statut",
        "string",
        _last_status_date,
        "Date du statut actuel (AAAA, AAAA-MM ou AAAA-MM-JJ).",
        {"pattern": PARTIAL_DATE},
    ),
    _held("structure_porteuse"),
    _held("adresse"),
    _held("code_postal", {"pattern": r"\d{5}"}, "Code postal (5 chiffres, zéro initial conservé)."),
    Column(
        "commune",
        "string",
        lambda e, c, base: e.place.commune.nom if e.place.commune else e.fiche.commune,
        "Commune (nom officiel).",
    ),
    Column(
        "code_insee",
        "string",
        lambda e, c, base: e.place.commune.insee if e.place.commune else None,
        "Code officiel géographique de la commune (INSEE).",
        {"pattern": r"[0-9AB]{5}"},
    ),
    Column(
        "departement",
        "string",
        lambda e, c, base: e.place.departement.code if e.place.departement else None,
        "Code du département.",
        {"pattern": r"\d{2,3}|2A|2B"},
    ),
    Column("region", "string", lambda e, c, base: e.place.region, "Région actuelle (découpage de 2016)."),
    Column("ancienne_region", "string", lambda e, c, base: e.place.ancienne_region, "Région d'avant 2016."),
    _held("perimetre"),
    Column(
        "latitude",
        "number",
        lambda e, c, base: e.place.lat,
        "Latitude WGS 84.",
        {"minimum": -90, "maximum": 90},
    ),
    Column(
        "longitude",
        "number",
        lambda e, c, base: e.place.lon,
        "Longitude WGS 84.",
        {"minimum": -180, "maximum": 180},
    ),
    Column(
        "origine_coordonnees",
        "string",
        lambda e, c, base: e.place.coords_from,
        "« fiche » (position donnée par la fiche) ou « commune » (mairie de la commune).",
        {"enum": ORIGINS},
    ),
    _held("telephone"),
    _held("courriel"),
    _held("site_web", {"pattern": "https?://.+"}),
    Column(
        "date_maj",
        "string",
        lambda e, c, base: e.fiche.date_maj.iso(),
        _model("date_maj"),
        {"required": True, "pattern": PARTIAL_DATE},
        field="date_maj",
    ),
    Column(
        "sources",
        "string",
        lambda e, c, base: _join(e.fiche.sources),
        _model("sources") + " Séparés par « | ».",
    ),
]


def _latest_profile(e: Entry):
    return e.fiche.profils[-1] if e.fiche.profils else None


def _profile_axis(cle: str):
    def get(e: Entry, corpus: Corpus, base: str) -> str | None:
        p = _latest_profile(e)
        return p.typologie.model_dump().get(cle) if p and p.typologie else None

    return get


def _profile_level(lettre: str):
    def get(e: Entry, corpus: Corpus, base: str) -> int | None:
        p = _latest_profile(e)
        return p.niveaux_objectifs.get(lettre) if p else None

    return get


# The latest published profile on the référentiel (data/referentiel.yml), flat for a spreadsheet; every
# profile, indicators included, is in poles.json (field profils).
_LEVELS = {"minimum": REFERENTIEL.levels[0], "maximum": REFERENTIEL.levels[-1]}
PROFILE_COLUMNS = [
    Column(
        "profil_date",
        "string",
        lambda e, c, base: p.date.iso() if (p := _latest_profile(e)) else None,
        "Date du dernier profil publié sur le référentiel d'action (déclaré par le pôle) ; vide sans profil. "
        "Tous les profils, indicateurs compris, sont dans poles.json.",
        {"pattern": PARTIAL_DATE},
    ),
    *(
        Column(
            f"profil_{axe.cle}",
            "string",
            _profile_axis(axe.cle),
            f"Typologie du dernier profil, axe « {axe.intitule} » : "
            + ", ".join(f"{code} ({label})" for code, label in axe.valeurs.items())
            + ".",
            {"enum": list(axe.valeurs)},
        )
        for axe in REFERENTIEL.typologie
    ),
    *(
        Column(
            f"profil_{o.lettre}",
            "integer",
            _profile_level(o.lettre),
            f"Niveau du dernier profil sur l'objectif {o.lettre} ({o.intitule}), de "
            f"{REFERENTIEL.levels[0]} à {REFERENTIEL.levels[-1]} ; vide : non évalué.",
            _LEVELS,
        )
        for o in REFERENTIEL.objectifs
    ),
]
POLE_COLUMNS += PROFILE_COLUMNS
# poles.json: fields of the fiche given as the model holds them (lists stay lists), after the columns.
POLE_JSON_FIELDS = ("thematiques", "sources", "statuts", "responsables", "cedex", "profils")
# Personal contacts are left out unless the person agreed (Responsable.public, itself never exported).
PRIVATE_CONTACT = ("telephone", "courriel")
# poles.geojson: the columns but these (the point is the geometry), lists as in poles.json.
GEOJSON_LEFT_OUT = ("latitude", "longitude")
GEOJSON_JSON_FIELDS = ("thematiques", "sources")


def _position(e: Entry, corpus: Corpus, base: str) -> dict | None:
    if not e.place.has_point:
        return None
    return {"lat": round(e.place.lat, 6), "lon": round(e.place.lon, 6), "origine": e.place.coords_from}


# evenements.json: these, then every field of the fiche as the model holds it.
EVENT_FIELDS = [
    _identifier("events"),
    _page("agenda"),
    Column(
        "position",
        "object",
        _position,
        "Position du lieu (WGS 84) : donnée par la fiche ou, à défaut, "
        "mairie de la commune (origine « fiche » ou « commune »).",
        json={
            "type": "object",
            "required": ["lat", "lon", "origine"],
            "properties": {
                "lat": {"$ref": "#/$defs/Coordonnees/properties/lat"},
                "lon": {"$ref": "#/$defs/Coordonnees/properties/lon"},
                "origine": {"enum": ORIGINS},
            },
        },
    ),
    Column(
        "region", "string", lambda e, c, base: e.place.region, "Région actuelle du lieu (découpage de 2016)."
    ),
]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def spreadsheet_safe(cell: str, column_type: str = "string") -> str:
    """A CSV cell a spreadsheet shows as text, never runs: a text cell starting like a formula gets a
    leading apostrophe (OWASP's advice). Applied to every cell where the CSV is written, whatever
    the field; the validator refuses such texts beforehand, with a message for the contributor."""
    return "'" + cell if column_type != "number" and cell.startswith(FORMULA_STARTS) else cell


def _sorted(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: e.slug)


def _clean(value):
    """Records as plain JSON: dates as ISO strings, empty values dropped."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if hasattr(value, "iso"):
        return value.iso()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value


def _people(fiche: Pole) -> list[dict]:
    return [
        p.model_dump(exclude={"public", *(() if p.public else PRIVATE_CONTACT)}) for p in fiche.responsables
    ]


def _as_held(fiche, names) -> dict:
    dump = fiche.model_dump(include=set(names) - {"responsables"})
    return {name: _people(fiche) if name == "responsables" else dump[name] for name in names}


def pole_record(e: Entry, corpus: Corpus, base: str) -> dict:
    record = {c.name: c.get(e, corpus, base) for c in POLE_COLUMNS}
    record.update(_as_held(e.fiche, POLE_JSON_FIELDS))
    return _clean(record)


def schema_url(base: str, name: str) -> str:
    return f"{base}/schemas/{SCHEMAS[name]}.json"


def _envelope(kind: str, today, base: str, count: int) -> dict:
    return {
        "titre": f"{kind} — ptce.fr",
        "licence": LICENCE,
        "date_export": today.isoformat(),
        "source": f"{base}/donnees/",
        "nombre": count,
    }


def _dumps(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_ITEMS = "\0éléments"


def _item_json(make: Callable, e: Entry, corpus: Corpus, base: str) -> str:
    """A record's part of a list at depth 2 of a JSON export, as _dumps writes it (made once per record and
    reused by the preview: the pure-Python indenting encoder was most of the exports' time)."""
    return "  " + json.dumps(make(e, corpus, base), ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _dumps_items(head: dict, key: str, items: list[str]) -> bytes:
    """_dumps({**head, key: the items}) from the items' own texts (_item_json)."""
    if not items:
        return _dumps({**head, key: []})
    text = json.dumps({**head, key: _ITEMS}, ensure_ascii=False, indent=1)
    written = json.dumps(_ITEMS, ensure_ascii=False)
    assert text.count(written) == 1 and text.endswith(written + "\n}")
    return (text[: -len(written) - 2] + "[\n" + ",\n".join(items) + "\n ]\n}\n").encode("utf-8")


def poles_json(corpus: Corpus, site_url: str, today, own: Own = direct) -> bytes:
    base = site_url.rstrip("/")
    records = [own(_item_json, pole_record, e, corpus, base) for e in _sorted(corpus.poles)]
    head = {
        **_envelope("Pôles territoriaux de coopération économique", today, base, len(records)),
        "schema": schema_url(base, "poles.json"),
    }
    return _dumps_items(head, "poles", records)


def pole_row(e: Entry, corpus: Corpus, base: str) -> list[str]:
    return [spreadsheet_safe(_cell(c.get(e, corpus, base)), c.type) for c in POLE_COLUMNS]


def poles_csv(corpus: Corpus, site_url: str, own: Own = direct) -> bytes:
    base = site_url.rstrip("/")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in POLE_COLUMNS])
    writer.writerows(own(pole_row, e, corpus, base) for e in _sorted(corpus.poles))
    return out.getvalue().encode("utf-8")


def table_schema(site_url: str) -> bytes:
    """Frictionless Table Schema of poles.csv (patterns match whole values, as the spec says)."""
    fields = []
    for c in POLE_COLUMNS:
        spec = {"name": c.name, "type": c.type, "description": c.description}
        if c.constraints:
            spec["constraints"] = c.constraints
        fields.append(spec)
    return _dumps(
        {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "path": f"{site_url.rstrip('/')}/donnees/poles.csv",
            "encoding": "utf-8",
            "fields": fields,
            "primaryKey": "identifiant",
            "missingValues": [""],
        }
    )


def pole_feature(e: Entry, corpus: Corpus, base: str) -> dict:
    props = {c.name: c.get(e, corpus, base) for c in POLE_COLUMNS if c.name not in GEOJSON_LEFT_OUT}
    props.update(_as_held(e.fiche, GEOJSON_JSON_FIELDS))
    point = [round(e.place.lon, 6), round(e.place.lat, 6)]
    return {
        "type": "Feature",
        "id": e.slug,
        "geometry": {"type": "Point", "coordinates": point},
        "properties": _clean(props),
    }


def poles_geojson(corpus: Corpus, site_url: str, today, own: Own = direct) -> bytes:
    base = site_url.rstrip("/")
    features = [
        own(_item_json, pole_feature, e, corpus, base) for e in _sorted(corpus.poles) if e.place.has_point
    ]
    head = {
        "type": "FeatureCollection",
        "name": "poles",
        "licence": LICENCE["nom"],
        "date_export": today.isoformat(),
        "schema": schema_url(base, "poles.geojson"),
    }
    return _dumps_items(head, "features", features)


def event_record(e: Entry, corpus: Corpus, base: str) -> dict:
    f: Evenement = e.fiche
    added = {c.name: c.get(e, corpus, base) for c in EVENT_FIELDS}
    first = {"identifiant": added.pop("identifiant"), "url": added.pop("url")}
    return _clean({**first, **f.model_dump(), **added})


def events_json(corpus: Corpus, site_url: str, today, own: Own = direct) -> bytes:
    base = site_url.rstrip("/")
    events = sorted(corpus.events, key=lambda e: (e.fiche.debut.date.first_day(), e.slug))
    records = [own(_item_json, event_record, e, corpus, base) for e in events]
    head = {
        **_envelope("Agenda des PTCE", today, base, len(records)),
        "schema": schema_url(base, "evenements.json"),
    }
    return _dumps_items(head, "evenements", records)


def all_files(corpus: Corpus, site_url: str, today, own: Own = direct) -> dict[str, bytes]:
    """Every export, by file name under /donnees/; own makes each record's part (reuse.py)."""
    return {
        "poles.json": poles_json(corpus, site_url, today, own),
        "poles.csv": poles_csv(corpus, site_url, own),
        "poles.geojson": poles_geojson(corpus, site_url, today, own),
        "evenements.json": events_json(corpus, site_url, today, own),
        "poles.schema.json": table_schema(site_url),
    }


_DESCRIPTIONS = {
    "poles.json": "Tous les pôles, avec l'historique de leurs statuts, leurs responsables (coordonnées "
    "personnelles seulement si la personne a accepté leur publication) et leurs profils datés sur le "
    "référentiel d'action.",
    "poles.csv": "Un pôle par ligne, pour un tableur (UTF-8, séparateur virgule, listes séparées par « | »).",
    "poles.geojson": "Les pôles localisés, en points (WGS 84), pour un logiciel de cartographie.",
    "evenements.json": "Tous les événements de l'agenda, passés et à venir, avec leur programme.",
    "poles.schema.json": "Le schéma du fichier CSV (Table Schema) : nom, type, description et contraintes "
    "de chaque colonne.",
}


def described(text: str) -> str:
    """A description (model field or column) for a Markdown page: its `code` spans as code, the rest shown
    literally; every piece goes through md()."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span at all
        return md(text)

    def plain(part: str) -> str:  # md() trims: keep the spaces around code spans
        before = " " if part[:1].isspace() else ""
        return before + md(part) + (" " if part[-1:].isspace() and part.strip() else "")

    return "".join(f"<code>{md(part)}</code>" if i % 2 else plain(part) for i, part in enumerate(parts))


def _size(n: int) -> str:
    return f"{n / 1024:.0f} ko".replace(".", ",") if n >= 1024 else f"{n} octets"


def data_page(corpus: Corpus, files: dict[str, bytes], today) -> str:
    """The /donnees/ page: what each file holds, its licence, its date and its columns."""
    located = sum(1 for e in corpus.poles if e.place.has_point)
    out = [
        "---\ntitle: Données ouvertes\ndescription: Les pôles et les événements de ptce.fr en JSON, "
        "CSV et GeoJSON, sous Licence Ouverte 2.0, avec leurs schémas.\n---\n",
        "# Données ouvertes\n",
        "Les fiches du site sont publiées comme données ouvertes, sous "
        f"[{LICENCE['nom']}]({LICENCE['url']}) : vous pouvez les réutiliser librement, y compris "
        "commercialement, en citant la source "
        f"(« ptce.fr, export du {today:%d/%m/%Y} »).\n",
        f"**Date de l'export : {today:%d/%m/%Y}.** Les fichiers sont régénérés à chaque publication du "
        f"site à partir des fiches validées : {len(corpus.poles)} pôles (dont {located} localisés) et "
        f"{len(corpus.events)} événements. Les téléphones et courriels personnels ne figurent que si la "
        "personne a accepté leur publication.\n",
        "## Fichiers\n",
        "| Fichier | Contenu | Taille |",
        "|---|---|---|",
    ]
    for name, content in files.items():
        size = md(_size(len(content)))
        out.append(f"| [{md(name)}]({name}) | {md(_DESCRIPTIONS.get(name, ''))} | {size} |")
    out += [
        "",
        "Les agendas se réutilisent aussi au format iCalendar ([`agenda.ics`](../agenda.ics)) et les "
        "nouveautés par flux Atom ([agenda](../agenda/atom.xml), "
        "[actualités](../actualites/atom.xml)).\n",
        "## Schémas\n",
        "Chaque fichier JSON nomme, dans son champ `schema`, le schéma JSON qui le décrit : "
        + ", ".join(
            f"[{md(SCHEMAS[name])}](../schemas/{SCHEMAS[name]}.json) pour {md(name)}"
            for name in files
            if name in SCHEMAS
        )
        + " ; `poles.schema.json` est le schéma de `poles.csv` (Table Schema). Ces schémas sont "
        "produits à partir des modèles qui valident les fiches ; les fiches elles-mêmes, telles que les "
        "écrivent les contributeurs, ont aussi le leur : "
        + ", ".join(f"[{md(kind)}](../schemas/{kind}.json)" for kind in KINDS)
        + ". "
        "La signification de chaque champ est décrite dans la "
        "[référence des champs](../contribuer/champs.md).\n",
        "## Colonnes de `poles.csv`\n",
        "| Colonne | Type | Description |",
        "|---|---|---|",
    ]
    for c in POLE_COLUMNS:
        required = " Obligatoire." if (c.constraints or {}).get("required") else ""
        kind = {"number": "nombre", "integer": "nombre entier"}.get(c.type, "texte")
        out.append(f"| {described(f'`{c.name}`')} | {kind} | {described(c.description)}{required} |")
    out.append("")
    return "\n".join(out)
