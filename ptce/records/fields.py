"""Field types of the models, each with its French error message.

Every check raises a PydanticCustomError whose text is what the contributor
reads; the value received is quoted in it. The YAML reader hands us strings,
lists, mappings or None, never numbers or dates.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, PlainSerializer, ValidationInfo, WithJsonSchema
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from ptce.records import dates
from ptce.records.errors import show
from ptce.text import urls
from ptce.text.characters import invisible_char


@dataclass(frozen=True)
class FieldKind:
    """What a field type is beyond its check, read by the field reference (label), the canonical layout
    (bare: written unquoted, like an identifier) and the web editor (widget, pattern), so none of them
    guesses a type from a function's name."""

    label: str
    bare: bool = False
    widget: str = "string"
    pattern: str | None = None


def field_kind(metadata) -> FieldKind | None:
    """The first FieldKind among a type's Annotated metadata (the innermost type's kind wins)."""
    return next((m for m in metadata if isinstance(m, FieldKind)), None)


def declared_type(field: FieldInfo) -> Any:
    """A model field's type as written in the model: pydantic moves the Annotated metadata of a required
    field into field.metadata, where a reader of field.annotation alone would miss its kind."""
    return Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation


def fail(code: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(code, "{m}", {"m": message})


def guarded(check):
    """A field check that never crashes: whatever a library raises on an odd value (a folder given as a
    time zone, a year too large for a date…) becomes a French error on that field, and the other
    records are validated as usual."""

    @functools.wraps(check)
    def safe(value, *args):
        try:
            return check(value, *args)
        except PydanticCustomError:
            raise
        except Exception:  # noqa: BLE001 (any failure of a check is the value's problem)
            raise fail(
                "illisible",
                f"valeur {show(value)} illisible : vérifiez-la, ou supprimez la ligne "
                "si l'information est inconnue",
            ) from None

    return safe


_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_SCRIPT_FR = {"LATIN": "latines", "CYRILLIC": "cyrilliques", "GREEK": "grecques"}


@functools.lru_cache(maxsize=8192)
def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    return next((s for s in _SCRIPTS if name.startswith(s)), None)


_LETTERS = re.compile(r"[^\W\d_]+")


def mixed_script_word(text: str) -> tuple[str, list[str]] | None:
    """A word mixing Latin with Cyrillic or Greek letters: almost always a look-alike
    letter pasted in (Cyrillic « а » for Latin « a »), which defeats duplicate detection
    and search. Words wholly in one alphabet are accepted (an ASCII word is wholly Latin: the
    validator checks 100,000 values per 1,000 fiches, most of them ASCII)."""
    if text.isascii():
        return None
    for word in _LETTERS.findall(text):
        if word.isascii() or max(word) < "\u0370":  # no Greek or Cyrillic letter comes before U+0370
            continue
        scripts = {_script(c) for c in word} - {None}
        if "LATIN" in scripts and len(scripts) > 1:
            return word, sorted(s for s in scripts if s)
    return None


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula


def _text(max_len: int, multiline: bool = False):
    @guarded
    def check(value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, (list, dict)):
            raise fail(
                "texte",
                "texte attendu, reçu " + ("une liste" if isinstance(value, list) else "un bloc de champs"),
            )
        value = str(value).strip()
        bad = invisible_char(value)
        if bad:
            raise fail(
                "texte",
                f"caractère de contrôle ou invisible {bad} : retapez le texte au clavier plutôt que de le "
                "copier-coller",
            )
        if not multiline and ("\n" in value or "\t" in value):
            raise fail("texte", "texte sur une seule ligne attendu (retour à la ligne ou tabulation trouvé)")
        if not multiline and value[:1] in FORMULA_STARTS:
            # Short texts go to poles.csv: a cell starting with these runs as a spreadsheet formula.
            raise fail(
                "texte",
                f"un texte ne peut pas commencer par « {value[0]} » (il serait pris pour une formule "
                "dans un tableur) : reformulez le début",
            )
        if len(value) > max_len:
            raise fail("texte", f"texte trop long ({len(value)} caractères, maximum {max_len})")
        if not value:
            raise fail("texte", "valeur vide : supprimez la ligne si l'information est inconnue")
        mixed = mixed_script_word(value)
        if mixed:
            word, scripts = mixed
            raise fail(
                "texte",
                f"le mot {show(word)} mêle des lettres {' et '.join(_SCRIPT_FR[s] for s in scripts)} : "
                "une lettre en imite probablement une autre (ex. « а » cyrillique au lieu de « a ») ; "
                "retapez le mot au clavier",
            )
        return value

    return BeforeValidator(check)


Texte = Annotated[str, _text(300), WithJsonSchema({"type": "string", "maxLength": 300}), FieldKind("texte")]
TexteLong = Annotated[
    str,
    _text(3000, multiline=True),
    WithJsonSchema({"type": "string", "maxLength": 3000}),
    FieldKind("texte", widget="text"),
]


@guarded
def _identifier(value: Any) -> Any:
    if isinstance(value, str) and not urls.SLUG.fullmatch(value.strip()):
        raise fail(
            "identifiant",
            f"{show(value)} n'est pas un identifiant (minuscules sans accent, chiffres et tirets, ex. « "
            "pole-sud-archer »)",
        )
    return value.strip() if isinstance(value, str) else value


Identifiant = Annotated[
    str,
    BeforeValidator(_identifier),
    WithJsonSchema({"type": "string", "pattern": urls.SLUG.pattern}),
    FieldKind("identifiant", bare=True, pattern=urls.SLUG.pattern),
]


@guarded
def _postcode(value: Any) -> Any:
    if isinstance(value, str):
        v = value.strip()
        if not re.fullmatch(r"[0-9]{5}", v):
            hint = (
                ' : un code qui commence par 0 doit s\'écrire entre guillemets, ex. "01600"'
                if re.fullmatch(r"[0-9]{4}", v)
                else ""
            )
            raise fail(
                "code_postal",
                f"{show(value)} n'est pas un code postal (5 chiffres attendus, entre guillemets){hint}",
            )
        return v
    return value


CodePostal = Annotated[
    str,
    BeforeValidator(_postcode),
    WithJsonSchema({"type": "string", "pattern": r"^\d{5}$"}),
    FieldKind("code postal", pattern=r"^\d{5}$"),
]


@guarded
def _insee(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", value.strip()):
        raise fail(
            "code_insee",
            f'{show(value)} n\'est pas un code INSEE de commune (5 caractères, ex. "2A004" ou "14118")',
        )
    return value.strip() if isinstance(value, str) else value


CodeInsee = Annotated[
    str,
    BeforeValidator(_insee),
    WithJsonSchema({"type": "string", "pattern": r"^\d[\dAB]\d{3}$"}),
    FieldKind("code INSEE", pattern=r"^\d[\dAB]\d{3}$"),
]


@guarded
def _phone(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    digits = re.sub(r"[\s.\-/()]", "", value)
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    elif digits.startswith("0033"):
        digits = "0" + digits[4:]
    if not re.fullmatch(r"0[1-9][0-9]{8}", digits):
        raise fail(
            "telephone",
            f'{show(value)} n\'est pas un numéro de téléphone français (10 chiffres, ex. "01 23 45 67 89")',
        )
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


Telephone = Annotated[
    str,
    BeforeValidator(_phone),
    WithJsonSchema({"type": "string", "examples": ["01 23 45 67 89"]}),
    FieldKind("téléphone"),
]

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)


@guarded
def _email(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    v = value.strip()
    if v.lower().startswith("mailto:"):
        v = v[7:]
    if not _EMAIL.fullmatch(v) or len(v) > 254:
        raise fail(
            "courriel", f'{show(value)} n\'est pas une adresse électronique (ex. "contact@exemple.org")'
        )
    if v[:1] in FORMULA_STARTS:
        raise fail(
            "courriel",
            f"une adresse ne peut pas commencer par « {v[0]} » (elle serait prise pour une formule "
            "dans un tableur) : vérifiez-la",
        )
    local, domain = v.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


Courriel = Annotated[
    str, BeforeValidator(_email), WithJsonSchema({"type": "string", "format": "email"}), FieldKind("courriel")
]


@guarded
def _url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    v = value.strip()
    if re.match(r"www\.", v, re.I):
        v = "https://" + v
    scheme = v.split(":", 1)[0].lower() if ":" in v else ""
    if scheme not in ("http", "https"):
        raise fail(
            "url",
            f"{show(value)} n'est pas une adresse web acceptée : elle doit commencer par https:// (ou "
            "http://)",
        )
    try:
        host = urlsplit(v).hostname or ""
    except ValueError:
        host = ""
    if "." not in host:
        raise fail(
            "url", f'{show(value)} n\'est pas une adresse web complète (ex. "https://www.exemple.org")'
        )
    if re.search(r"[\s<>\"'`\\]", v) or invisible_char(v):
        raise fail(
            "url", f"{show(value)} contient des espaces ou des caractères interdits dans une adresse web"
        )
    if len(v) > 500:
        raise fail("url", "adresse web trop longue (maximum 500 caractères)")
    return v


Url = Annotated[
    str,
    BeforeValidator(_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^(https?://|www\\.)"}),
    FieldKind("adresse web"),
]


@guarded
def _partial_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dates.parse_partial(value)
        except ValueError as exc:
            raise fail("date", f"{show(value)} : {exc}") from None
    if isinstance(value, dates.PartialDate) or value is None:
        return value
    raise fail(
        "date", f"date attendue, reçu {'une liste' if isinstance(value, list) else 'un bloc de champs'}"
    )


DateP = Annotated[
    dates.PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "examples": ["2013", "2013-01", "2013-01-28"],
        }
    ),
    FieldKind("date"),
]


@guarded
def _moment(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dates.parse_moment(value)
        except ValueError as exc:
            raise fail("date", f"{show(value)} : {exc}") from None
    if isinstance(value, dates.Moment) or value is None:
        return value
    raise fail("date", 'date attendue (ex. "2012-12-06T09:00")')


Moment = Annotated[
    dates.Moment,
    BeforeValidator(_moment),
    PlainSerializer(lambda m: m.iso(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\d{4}(-\d{2}(-\d{2}([T ]\d{1,2}[:h]\d{2})?)?)?$",
            "examples": ["2012-12-06", "2012-12-06T09:00", "2013-06"],
        }
    ),
    FieldKind("date et heure"),
]


@guarded
def _heure(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dates.parse_time(value)
        except ValueError as exc:
            raise fail("heure", f"{show(value)} : {exc}") from None
    if value is None or isinstance(value, dt.time):
        return value
    # the type is Any: without this, a list would reach the comparisons of the model
    raise fail(
        "heure",
        'heure attendue au format "HH:MM" (entre guillemets), reçu '
        + ("une liste" if isinstance(value, list) else "un bloc de champs"),
    )


Heure = Annotated[
    Any,
    BeforeValidator(_heure),
    PlainSerializer(lambda t: f"{t:%H:%M}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}[:h]\d{2}$", "examples": ["09:30"]}),
    FieldKind("heure"),
]


@functools.cache
def _zones() -> frozenset[str]:
    """IANA zones with a region (Europe/Paris, America/Guadeloupe), and UTC."""
    zones = zoneinfo.available_timezones()
    return frozenset(
        z for z in zones if "/" in z and not z.startswith(("Etc/", "SystemV/", "posix/", "right/"))
    ) | {"UTC"}


@guarded
def _zone(value: Any) -> Any:
    if isinstance(value, str):
        v = value.strip()
        if v not in _zones():  # never a file name handed to zoneinfo
            raise fail(
                "fuseau",
                f'{show(value)} n\'est pas un fuseau horaire IANA (ex. "Europe/Paris", "America/Guadeloupe", '
                '"Indian/Reunion")',
            ) from None
        return v
    return value


Fuseau = Annotated[
    str,
    BeforeValidator(_zone),
    WithJsonSchema({"type": "string", "examples": ["Europe/Paris", "America/Guadeloupe", "Indian/Reunion"]}),
    FieldKind("fuseau", bare=True),
]


def suggestion(word: str, choices) -> str:
    close = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Vouliez-vous dire « {close[0]} » ?" if close else ""


@dataclass(frozen=True, slots=True)
class InVocabulary(AfterValidator):
    """The check of a vocabulary field, carrying its section of data/vocabulaires.yml for the tools that
    offer the allowed values (the web editor's select lists, the issue forms' dropdowns)."""

    section: str = ""


def vocabulary_of(metadata) -> str | None:
    return next((m.section for m in metadata if isinstance(m, InVocabulary)), None)


def in_vocabulary(section: str, what: str) -> InVocabulary:
    """Check a value against data/vocabulaires.yml (passed in the validation context)."""

    @guarded
    def check(value: Any, info: ValidationInfo) -> Any:
        vocab = (info.context or {}).get("vocabulaires")
        if vocab is None or value is None:
            return value
        allowed = vocab.get(section, {})
        if value not in allowed:
            raise fail(
                "vocabulaire",
                f"{show(value)} n'est pas {what}.{suggestion(value, allowed)} "
                f"Valeurs possibles : {', '.join(sorted(allowed))} (data/vocabulaires.yml)",
            )
        return value

    return InVocabulary(check, section)


@guarded
def known_source(value: Any, info: ValidationInfo) -> Any:
    sources = (info.context or {}).get("sources")
    if sources is not None and value not in sources:
        raise fail(
            "source", f"{show(value)} n'est pas un document de data/sources.yml.{suggestion(value, sources)}"
        )
    return value


SourceId = Annotated[Identifiant, AfterValidator(known_source)]
