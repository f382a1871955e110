"""Published JSON Schemas and the field reference page, both from the models."""

from __future__ import annotations

import json
import typing

from pydantic import BaseModel

from .html import md
from .models import KINDS
from .validation import _model_of

SITE = "https://ptce.fr"


def _close(node):
    """Unknown keys are errors for us: say so to editors too."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close(value)
    elif isinstance(node, list):
        for value in node:
            _close(value)
    return node


def json_schema(kind: str) -> dict:
    model = KINDS[kind]
    schema = _close(model.model_json_schema(mode="validation"))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{SITE}/schemas/{kind}.json", **schema}


def json_text(kind: str) -> str:
    """The schema as published at /schemas/<kind>.json (stable bytes)."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _type_label(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is list:
        return "liste de " + _type_label(args[0])
    if origin is typing.Annotated:
        base = args[0]
        for meta in typing.get_args(annotation)[1:]:
            name = getattr(getattr(meta, "func", None), "__name__", "")
            if name:
                return {"_postcode": "code postal", "_phone": "téléphone", "_email": "courriel", "_url": "adresse web",
                        "_partial_date": "date", "_moment": "date et heure", "_heure": "heure", "_zone": "fuseau",
                        "_identifier": "identifiant", "_insee": "code INSEE", "check": "texte"}.get(name, _type_label(base))
        return _type_label(base)
    if args and origin in (typing.Union, getattr(__import__("types"), "UnionType")):
        return _type_label(args[0])
    if origin is typing.Literal:
        return "un de : " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"bloc « {annotation.__name__} »"
    return {bool: "true / false", int: "nombre entier", float: "nombre", str: "texte"}.get(annotation, "valeur")


def _table(model: type[BaseModel]) -> str:
    lines = ["| Champ | Obligatoire | Type | Description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        required = "oui" if field.is_required() else "non"
        lines.append(f"| `{name}` | {required} | {md(_type_label(field.annotation))} | {md(field.description or '')} |")
    return "\n".join(lines) + "\n"


def field_reference(kind: str) -> str:
    """Markdown tables: the model, then each nested block it uses."""
    model = KINDS[kind]
    out, seen, todo = [], set(), [model]
    while todo:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current is not model:
            out.append(f"#### Bloc « {current.__name__} »\n")
        out.append(_table(current))
        for field in current.model_fields.values():
            sub = _model_of(field.annotation)
            if sub and sub not in seen:
                todo.append(sub)
    return "\n".join(out)
