"""Open-data exports of the poles and events, generated from the validated records.

Columns are declared once (`POLE_COLUMNS`): the CSV, its Table Schema and the
/donnees/ page all read that list, and descriptions come from the models, so
the exports cannot drift from the fiches. Personal contacts of named people
are exported only when the fiche says `public: true`, as on the pages.
Output is deterministic: records sorted by identifier, fixed key order.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Callable

from .corpus import Corpus, Entry
from .models import KINDS, Evenement, Pole

LICENCE = {"nom": "Licence Ouverte 2.0", "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"}
FILES = {"poles.json": "application/json", "poles.csv": "text/csv", "poles.geojson": "application/geo+json",
         "evenements.json": "application/json", "poles.schema.json": "application/json"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type
    get: Callable[[Entry, Corpus, str], object]
    description: str = ""
    constraints: dict | None = None


def _model(name: str) -> str:
    return Pole.model_fields[name].description or ""


def _field(name: str):
    return lambda e, c, base: getattr(e.fiche, name)


def _join(values) -> str:
    return "|".join(values)


POLE_COLUMNS = [
    Column("identifiant", "string", lambda e, c, base: e.slug,
           "Identifiant de la fiche (nom du fichier data/poles/<identifiant>.md), stable.",
           {"required": True, "unique": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}),
    Column("nom", "string", _field("nom"), _model("nom"), {"required": True}),
    Column("url", "string", lambda e, c, base: f"{base}/poles/{e.slug}/", "Adresse de la fiche sur ptce.fr."),
    Column("type", "string", _field("type"), _model("type")),
    Column("thematiques", "string", lambda e, c, base: _join(e.fiche.thematiques), _model("thematiques") + " Séparées par « | »."),
    Column("statut", "string", lambda e, c, base: e.statut, "Statut actuel : le dernier de l'historique daté (section statuts de data/vocabulaires.yml)."),
    Column("date_statut", "string", lambda e, c, base: e.fiche.statuts[-1].date.iso() if e.fiche.statuts and e.fiche.statuts[-1].date else None,
           "Date du statut actuel (AAAA, AAAA-MM ou AAAA-MM-JJ).", {"pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}),
    Column("structure_porteuse", "string", _field("structure_porteuse"), _model("structure_porteuse")),
    Column("adresse", "string", _field("adresse"), _model("adresse")),
    Column("code_postal", "string", _field("code_postal"), "Code postal (5 chiffres, zéro initial conservé).", {"pattern": r"\d{5}"}),
    Column("commune", "string", lambda e, c, base: e.place.commune.nom if e.place.commune else e.fiche.commune, "Commune (nom officiel)."),
    Column("code_insee", "string", lambda e, c, base: e.place.commune.insee if e.place.commune else None,
           "Code officiel géographique de la commune (INSEE).", {"pattern": r"[0-9AB]{5}"}),
    Column("departement", "string", lambda e, c, base: e.place.departement.code if e.place.departement else None,
           "Code du département.", {"pattern": r"\d{2,3}|2A|2B"}),
    Column("region", "string", lambda e, c, base: e.place.region, "Région actuelle (découpage de 2016)."),
    Column("ancienne_region", "string", lambda e, c, base: e.place.ancienne_region, "Région d'avant 2016."),
    Column("perimetre", "string", _field("perimetre"), _model("perimetre")),
    Column("latitude", "number", lambda e, c, base: e.place.lat, "Latitude WGS 84.", {"minimum": -90, "maximum": 90}),
    Column("longitude", "number", lambda e, c, base: e.place.lon, "Longitude WGS 84.", {"minimum": -180, "maximum": 180}),
    Column("origine_coordonnees", "string", lambda e, c, base: e.place.coords_from,
           "« fiche » (position donnée par la fiche) ou « commune » (mairie de la commune).", {"enum": ["fiche", "commune"]}),
    Column("telephone", "string", _field("telephone"), _model("telephone")),
    Column("courriel", "string", _field("courriel"), _model("courriel")),
    Column("site_web", "string", _field("site_web"), _model("site_web"), {"pattern": "https?://.+"}),
    Column("date_maj", "string", lambda e, c, base: e.fiche.date_maj.iso(), _model("date_maj"),
           {"required": True, "pattern": r"\d{4}(-\d{2}(-\d{2})?)?"}),
    Column("sources", "string", lambda e, c, base: _join(e.fiche.sources), _model("sources") + " Séparés par « | »."),
]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


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
    out = []
    for p in fiche.responsables:
        person = {"nom": p.nom, "role": p.role, "depuis": p.depuis, "jusqu_a": p.jusqu_a}
        if p.public:
            person.update(telephone=p.telephone, courriel=p.courriel)
        out.append(person)
    return out


def pole_record(e: Entry, corpus: Corpus, base: str) -> dict:
    record = {c.name: c.get(e, corpus, base) for c in POLE_COLUMNS}
    record["thematiques"] = list(e.fiche.thematiques)
    record["sources"] = list(e.fiche.sources)
    record["statuts"] = [s.model_dump() for s in e.fiche.statuts]
    record["responsables"] = _people(e.fiche)
    record["cedex"] = e.fiche.cedex
    return _clean(record)


def _envelope(kind: str, today, base: str, count: int) -> dict:
    return {"titre": f"{kind} — ptce.fr", "licence": LICENCE, "date_export": today.isoformat(),
            "source": f"{base}/donnees/", "nombre": count}


def _dumps(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def poles_json(corpus: Corpus, site_url: str, today) -> bytes:
    base = site_url.rstrip("/")
    records = [pole_record(e, corpus, base) for e in _sorted(corpus.poles)]
    return _dumps({**_envelope("Pôles territoriaux de coopération économique", today, base, len(records)),
                   "schema": f"{base}/schemas/pole.json", "poles": records})


def poles_csv(corpus: Corpus, site_url: str) -> bytes:
    base = site_url.rstrip("/")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in POLE_COLUMNS])
    for e in _sorted(corpus.poles):
        writer.writerow([_cell(c.get(e, corpus, base)) for c in POLE_COLUMNS])
    return out.getvalue().encode("utf-8")


def table_schema(site_url: str) -> bytes:
    """Frictionless Table Schema of poles.csv (patterns match whole values, as the spec says)."""
    fields = []
    for c in POLE_COLUMNS:
        spec = {"name": c.name, "type": c.type, "description": c.description}
        if c.constraints:
            spec["constraints"] = c.constraints
        fields.append(spec)
    return _dumps({"$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
                   "path": f"{site_url.rstrip('/')}/donnees/poles.csv", "encoding": "utf-8",
                   "fields": fields, "primaryKey": "identifiant", "missingValues": [""]})


def poles_geojson(corpus: Corpus, site_url: str, today) -> bytes:
    base = site_url.rstrip("/")
    features = []
    for e in _sorted(corpus.poles):
        if not e.place.has_point:
            continue
        props = {c.name: c.get(e, corpus, base) for c in POLE_COLUMNS if c.name not in ("latitude", "longitude")}
        props["thematiques"] = list(e.fiche.thematiques)
        props["sources"] = list(e.fiche.sources)
        features.append({"type": "Feature", "id": e.slug,
                         "geometry": {"type": "Point", "coordinates": [round(e.place.lon, 6), round(e.place.lat, 6)]},
                         "properties": _clean(props)})
    return _dumps({"type": "FeatureCollection", "name": "poles", "licence": LICENCE["nom"],
                   "date_export": today.isoformat(), "features": features})


def event_record(e: Entry, base: str) -> dict:
    f: Evenement = e.fiche
    record = {"identifiant": e.slug, "url": f"{base}/agenda/{e.slug}/", **f.model_dump()}
    record["debut"], record["fin"] = f.debut.iso(), f.fin.iso() if f.fin else None
    if e.place.has_point:
        record["position"] = {"lat": round(e.place.lat, 6), "lon": round(e.place.lon, 6), "origine": e.place.coords_from}
    record["region"] = e.place.region
    return _clean(record)


def events_json(corpus: Corpus, site_url: str, today) -> bytes:
    base = site_url.rstrip("/")
    records = [event_record(e, base) for e in sorted(corpus.events, key=lambda e: (e.fiche.debut.date.first_day(), e.slug))]
    return _dumps({**_envelope("Agenda des PTCE", today, base, len(records)),
                   "schema": f"{base}/schemas/evenement.json", "evenements": records})


def all_files(corpus: Corpus, site_url: str, today) -> dict[str, bytes]:
    """Every export, by file name under /donnees/."""
    return {"poles.json": poles_json(corpus, site_url, today), "poles.csv": poles_csv(corpus, site_url),
            "poles.geojson": poles_geojson(corpus, site_url, today), "evenements.json": events_json(corpus, site_url, today),
            "poles.schema.json": table_schema(site_url)}


_DESCRIPTIONS = {
    "poles.json": "Tous les pôles, avec l'historique de leurs statuts et leurs responsables (coordonnées personnelles seulement si la personne a accepté leur publication).",
    "poles.csv": "Un pôle par ligne, pour un tableur (UTF-8, séparateur virgule, listes séparées par « | »).",
    "poles.geojson": "Les pôles localisés, en points (WGS 84), pour un logiciel de cartographie.",
    "evenements.json": "Tous les événements de l'agenda, passés et à venir, avec leur programme.",
    "poles.schema.json": "Le schéma du fichier CSV (Table Schema) : nom, type, description et contraintes de chaque colonne.",
}


def _cell_md(text: str) -> str:
    return text.replace("|", "\\|")


def _size(n: int) -> str:
    return f"{n / 1024:.0f} ko".replace(".", ",") if n >= 1024 else f"{n} octets"


def data_page(corpus: Corpus, files: dict[str, bytes], today) -> str:
    """The /donnees/ page: what each file holds, its licence, its date and its columns."""
    located = sum(1 for e in corpus.poles if e.place.has_point)
    out = ["---\ntitle: Données ouvertes\ndescription: Les pôles et les événements de ptce.fr en JSON, CSV et GeoJSON, "
           "sous Licence Ouverte 2.0, avec leurs schémas.\n---\n",
           "# Données ouvertes\n",
           f"Les fiches du site sont publiées comme données ouvertes, sous [{LICENCE['nom']}]({LICENCE['url']}) : "
           "vous pouvez les réutiliser librement, y compris commercialement, en citant la source "
           f"(« ptce.fr, export du {today:%d/%m/%Y} »).\n",
           f"**Date de l'export : {today:%d/%m/%Y}.** Les fichiers sont régénérés à chaque publication du site à partir "
           f"des fiches validées : {len(corpus.poles)} pôles (dont {located} localisés) et {len(corpus.events)} événements. "
           "Les téléphones et courriels personnels ne figurent que si la personne a accepté leur publication.\n",
           "## Fichiers\n",
           "| Fichier | Contenu | Taille |", "|---|---|---|"]
    for name, content in files.items():
        out.append(f"| [{name}]({name}) | {_cell_md(_DESCRIPTIONS.get(name, ''))} | {_size(len(content))} |")
    out += ["",
            "Les agendas se réutilisent aussi au format iCalendar ([`agenda.ics`](../agenda.ics)) et les nouveautés "
            "par flux Atom ([agenda](../agenda/atom.xml), [actualités](../actualites/atom.xml)).\n",
            "## Schémas\n",
            "Chaque type de fiche a un schéma JSON, produit à partir des mêmes modèles que la validation du site : "
            + ", ".join(f"[{kind}](../schemas/{kind}.json)" for kind in KINDS) + ". "
            "La signification de chaque champ est décrite dans la [référence des champs](../contribuer/champs.md).\n",
            "## Colonnes de `poles.csv`\n",
            "| Colonne | Type | Description |", "|---|---|---|"]
    for c in POLE_COLUMNS:
        required = " Obligatoire." if (c.constraints or {}).get("required") else ""
        out.append(f"| `{c.name}` | {'nombre' if c.type == 'number' else 'texte'} | {_cell_md(c.description)}{required} |")
    out.append("")
    return "\n".join(out)
