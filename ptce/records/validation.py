"""Turn a parsed file into a model instance, or into French errors with lines."""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ptce.records.errors import DataError, show
from ptce.records.fields import suggestion
from ptce.records.models import Record
from ptce.records.sourcefile import SourceFile, _dotted

_MESSAGES = {
    "missing": lambda e: "champ obligatoire manquant",
    "list_type": lambda e: (
        f"liste attendue, reçu {show(e['input'])} : écrivez [a, b] ou une ligne « - valeur » par élément"
    ),
    "dict_type": lambda e: "bloc de champs attendu (lignes « nom: valeur » indentées sous ce champ)",
    "model_type": lambda e: (
        f"bloc de champs attendu (lignes « nom: valeur » indentées), reçu {show(e['input'])}"
    ),
    "model_attributes_type": lambda e: "bloc de champs attendu (lignes « nom: valeur » indentées)",
    "string_type": lambda e: "texte attendu, reçu une liste ou un bloc de champs",
    "bool_parsing": lambda e: f"true ou false attendu, reçu {show(e['input'])}",
    "bool_type": lambda e: f"true ou false attendu, reçu {show(e['input'])}",
    "float_parsing": lambda e: f"nombre attendu (avec un point décimal), reçu {show(e['input'])}",
    "float_type": lambda e: f"nombre attendu, reçu {show(e['input'])}",
    "finite_number": lambda e: f"nombre fini attendu, reçu {show(e['input'])}",
    "int_parsing": lambda e: f"nombre entier attendu, reçu {show(e['input'])}",
    "int_type": lambda e: f"nombre entier attendu, reçu {show(e['input'])}",
    "greater_than_equal": lambda e: f"valeur trop petite ({show(e['input'])}, minimum {e['ctx']['ge']})",
    "less_than_equal": lambda e: f"valeur trop grande ({show(e['input'])}, maximum {e['ctx']['le']})",
    "literal_error": lambda e: (
        f"{show(e['input'])} n'est pas accepté : valeurs possibles {e['ctx']['expected']}"
    ),
    "string_pattern_mismatch": lambda e: f"{show(e['input'])} n'a pas le format attendu",
}


def _model_of(annotation) -> type[BaseModel] | None:
    """The model class inside Optional[...], list[...] or Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found:
                return found
    return None


@functools.cache
def _submodels(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    return {name: _model_of(f.annotation) for name, f in model.model_fields.items()}


def _strip_unknown(model: type[BaseModel], data, loc: tuple, src: SourceFile, errors: list[DataError]):
    """Report keys the model does not know, with a suggestion, and drop them."""
    if isinstance(data, list):
        return [_strip_unknown(model, item, loc + (i,), src, errors) for i, item in enumerate(data)]
    if not isinstance(data, dict):
        return data
    fields = model.model_fields
    submodels = _submodels(model)
    clean = {}
    for key, value in data.items():
        if key not in fields:
            hint = suggestion(key, fields) or f" Champs possibles : {', '.join(fields)}."
            errors.append(
                DataError(
                    src.path,
                    src.line_of(loc + (key,)),
                    _dotted(loc + (key,)),
                    f"champ inconnu {show(key)}.{hint}",
                )
            )
            continue
        sub = submodels[key]
        clean[key] = _strip_unknown(sub, value, loc + (key,), src, errors) if sub else value
    return clean


def _message(err: Mapping[str, Any]) -> str:
    if err["type"] in _MESSAGES:
        return _MESSAGES[err["type"]](err)
    msg = err["msg"]
    return msg[len("Value error, ") :] if msg.startswith("Value error, ") else msg


R = typing.TypeVar("R", bound=Record)


def validate(model: type[R], src: SourceFile, context: dict) -> tuple[R | None, list[DataError]]:
    """Validate one parsed file; every problem is returned, not only the first."""
    errors = list(src.errors)
    if src.data is None:
        return None, errors
    data = _strip_unknown(model, src.data, (), src, errors)
    try:
        record = model.model_validate(data, context=context)
        problems = record.problems()
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            errors.append(DataError(src.path, src.line_of(loc), _dotted(loc), _message(err)))
        return None, errors
    except Exception:  # noqa: BLE001 (fields.guarded covers each field: this is the last line of defence)
        errors.append(DataError(src.path, 1, "", UNREADABLE))
        return None, errors
    for loc, msg in problems:
        errors.append(DataError(src.path, src.line_of(loc), _dotted(loc), msg))
    return record, errors


UNREADABLE = (
    "fiche illisible : une valeur n'a pas pu être vérifiée ; relisez les champs modifiés "
    "(ou demandez de l'aide en ouvrant une discussion)"
)
