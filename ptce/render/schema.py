"""Published JSON Schemas and the field reference page, all from the models.

/schemas/<kind>.json describes a fiche as its author writes it; /schemas/export-*.json
describes an open-data file as ptce.render.exports writes it: the same models, plus the values
the export adds (identifier, address, place), declared once in ptce.render.exports.
"""

from __future__ import annotations

import copy
import functools
import json
import typing

from pydantic import BaseModel

from ptce.records import kinds, models
from ptce.records.fields import declared_type, field_kind
from ptce.records.validation import _model_of
from ptce.render import exports
from ptce.render.exports import described
from ptce.text import urls
from ptce.text.html import md

# Every schema published as /schemas/<name>.json (macros/hooks.py writes one file per name).
KINDS = (*kinds.KINDS, *exports.SCHEMAS.values())


def _each_object(node, change) -> None:
    """Call change on every mapping of a JSON Schema, before walking into what it then holds."""
    if isinstance(node, dict):
        change(node)
        for value in node.values():
            _each_object(value, change)
    elif isinstance(node, list):
        for value in node:
            _each_object(value, change)


def _close(node):
    """Unknown keys are errors for us: say so to editors too."""

    def close(obj: dict) -> None:
        if obj.get("type") == "object" and "properties" in obj:
            obj.setdefault("additionalProperties", False)

    _each_object(node, close)
    return node


def _exported(node):
    """An export drops empty values: no null alternative, no default."""

    def drop_null(obj: dict) -> None:
        options = obj.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [o for o in options if o != {"type": "null"}]
            del obj["anyOf"]
            if len(rest) == 1:
                obj.update(rest[0])
            else:
                obj["anyOf"] = rest
        if not isinstance(obj.get("default", {}), dict):
            del obj["default"]

    _each_object(node, drop_null)
    return node


def _column(c: exports.Column, model_props: dict) -> dict:
    """A column as JSON Schema: the model's own field schema when the value is that field."""
    if c.json is not None:
        spec = copy.deepcopy(c.json)
    elif c.field:
        spec = copy.deepcopy(model_props[c.field])
    else:
        spec = {"type": c.type}
        rules = c.constraints or {}
        if "pattern" in rules:  # Table Schema patterns match whole values, JSON Schema ones anywhere
            spec["pattern"] = f"^(?:{rules['pattern']})$"
        spec.update({k: rules[k] for k in ("enum", "minimum", "maximum") if k in rules})
    spec.pop("title", None)
    spec["description"] = c.description
    return spec


def _record(name: str, columns, model: type[BaseModel], held=()) -> tuple[dict, dict]:
    """(schema of one exported record, $defs it needs): columns, then fields given as the model holds them."""
    base = model.model_json_schema(mode="validation")
    props = {c.name: _column(c, base["properties"]) for c in columns}
    props.update({field: copy.deepcopy(base["properties"][field]) for field in held})
    required = [c.name for c in columns if (c.constraints or {}).get("required")]
    required += [field for field in held if field in base.get("required", []) and field not in required]
    record = {"title": name, "type": "object", "properties": props, "required": required}
    return record, base.get("$defs", {})


_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def _envelope(items_key: str, item: dict, title: str) -> dict:
    """The frame around the records (exports._envelope) and the records' list."""
    text = {"type": "string"}
    properties = {
        "titre": text,
        "licence": {
            "type": "object",
            "required": ["nom", "url"],
            "properties": {"nom": text, "url": {"type": "string", "format": "uri"}},
        },
        "date_export": _DATE,
        "source": {"type": "string", "format": "uri"},
        "nombre": {"type": "integer", "minimum": 0},
        "schema": {"type": "string", "format": "uri", "description": "Adresse de ce schéma."},
        items_key: {"type": "array", "items": item},
    }
    return {"title": title, "type": "object", "properties": properties, "required": list(properties)}


def _export_pole() -> dict:
    record, defs = _record("Pôle exporté", exports.POLE_COLUMNS, models.Pole, exports.POLE_JSON_FIELDS)
    person = defs["Responsable"]["properties"]
    del person["public"]  # never exported: it decides whether telephone and courriel are
    del defs["Responsable"]["allOf"]  # an exported contact is always one its person agreed to publish
    envelope = _envelope("poles", {"$ref": "#/$defs/ExportPole"}, "poles.json — pôles de ptce.fr")
    return {**envelope, "$defs": {**defs, "ExportPole": record}}


def _export_event() -> dict:
    record, defs = _record(
        "Événement exporté", exports.EVENT_FIELDS, models.Evenement, tuple(models.Evenement.model_fields)
    )
    defs.setdefault("Coordonnees", models.Coordonnees.model_json_schema(mode="validation"))  # for "position"
    envelope = _envelope(
        "evenements", {"$ref": "#/$defs/ExportEvenement"}, "evenements.json — agenda de ptce.fr"
    )
    return {**envelope, "$defs": {**defs, "ExportEvenement": record}}


def _export_pole_geojson() -> dict:
    columns = [c for c in exports.POLE_COLUMNS if c.name not in exports.GEOJSON_LEFT_OUT]
    properties, defs = _record("Propriétés d'un pôle", columns, models.Pole, exports.GEOJSON_JSON_FIELDS)
    lat, lon = (_column(c, {}) for c in exports.POLE_COLUMNS if c.name in ("latitude", "longitude"))
    feature = {
        "type": "object",
        "required": ["type", "id", "geometry", "properties"],
        "properties": {
            "type": {"const": "Feature"},
            "id": properties["properties"]["identifiant"],
            "geometry": {
                "type": "object",
                "required": ["type", "coordinates"],
                "properties": {
                    "type": {"const": "Point"},
                    "coordinates": {
                        "type": "array",
                        "prefixItems": [lon, lat],
                        "items": False,
                        "minItems": 2,
                    },
                },
            },
            "properties": properties,
        },
    }
    return {
        "title": "poles.geojson — pôles localisés de ptce.fr",
        "type": "object",
        "required": ["type", "name", "licence", "date_export", "schema", "features"],
        "properties": {
            "type": {"const": "FeatureCollection"},
            "name": {"const": "poles"},
            "licence": {"type": "string"},
            "date_export": _DATE,
            "schema": {"type": "string", "format": "uri"},
            "features": {"type": "array", "items": feature},
        },
        "$defs": defs,
    }


_EXPORTS = {
    exports.SCHEMAS["poles.json"]: _export_pole,
    exports.SCHEMAS["evenements.json"]: _export_event,
    exports.SCHEMAS["poles.geojson"]: _export_pole_geojson,
}


def json_schema(kind: str) -> dict:
    """The schema of a kind of fiche, or of an export (a name of exports.SCHEMAS)."""
    if kind in _EXPORTS:
        schema = _close(_exported(_EXPORTS[kind]()))
    else:
        schema = _close(kinds.KINDS[kind].model_json_schema(mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": urls.schema_url(kind),
        **schema,
    }


@functools.cache  # the models do not change while the process runs (`make serve`)
def json_text(kind: str) -> str:
    """The schema as published at /schemas/<kind>.json (stable bytes)."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _type_label(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is list:
        return "liste de " + _type_label(args[0])
    if origin is typing.Annotated:
        kind = field_kind(annotation.__metadata__)
        return kind.label if kind else _type_label(args[0])
    if args and origin in (typing.Union, __import__("types").UnionType):
        return _type_label(args[0])
    if origin is typing.Literal:
        return "un de : " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"bloc « {annotation.__name__} »"
    plain = {bool: "true / false", int: "nombre entier", float: "nombre", str: "texte"}
    return plain.get(annotation, "valeur")


def _table(model: type[BaseModel]) -> str:
    lines = ["| Champ | Obligatoire | Type | Description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        required = "oui" if field.is_required() else "non"
        kind, text = described(_type_label(declared_type(field))), described(field.description or "")
        lines.append(f"| {described(f'`{name}`')} | {required} | {kind} | {text} |")
    return "\n".join(lines) + "\n"


def field_reference(kind: str) -> str:
    """Markdown tables: the model, then each nested block it uses, one heading level below the page's
    section for the kind (an h2 of docs/contribuer/champs.md)."""
    model = kinds.KINDS[kind]
    out, seen, todo = [], set(), [model]
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current is not model:
            out.append(f"### Bloc « {md(current.__name__)} »\n")
        out.append(_table(current))
        for field in current.model_fields.values():
            sub = _model_of(field.annotation)
            if sub and sub not in seen:
                todo.append(sub)
    return "\n".join(out)
