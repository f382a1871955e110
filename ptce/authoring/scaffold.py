"""Draft a new pole or event fiche from a contributor's answers.

Pure functions: the scripts scripts/nouveau_pole.py and scripts/nouvel_evenement.py
read the repository, ask the questions and write the file; this module checks
each answer with the models' own field rules, derives the commune from the
postal code, spots likely duplicates among the fiches it is given, and renders
the text of the fiche in the layout of ptce.authoring.canonical.

What the fiche holds: the answers, ``code_postal`` and the official commune
name (as in data/modeles/), ``date_maj`` (the build date, which honours
SOURCE_DATE_EPOCH) and, for an overseas event with hours, ``fuseau``. The
département, the regions and the coordinates are not written: the build
derives them from the postal code (ptce.records.places.locate), and coordinates
written by hand would pretend to locate the pole itself rather than its
town hall.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from ptce.authoring import canonical
from ptce.records import duplicates
from ptce.records.corpus import name_problem
from ptce.records.dates import parse_moment  # noqa: F401 (also used by the scripts)
from ptce.records.duplicates import Summary
from ptce.records.errors import show
from ptce.records.fields import suggestion
from ptce.records.geo import Commune, Geo, fold
from ptce.records.kinds import BY_KEY, KINDS
from ptce.records.models import EnLigne, Evenement, Lieu, Organisation, Pole
from ptce.records.validation import _message
from ptce.text import urls

FIELDS_URL = f"{urls.SITE}contribuer/champs/"
FOLDER = {key: BY_KEY[key].folder for key in ("pole", "evenement")}  # what the scaffold creates
PAGE = {key: BY_KEY[key].section for key in FOLDER}

# Overseas départements → IANA zone (an event with hours there needs one).
ZONES = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
}


class ScaffoldError(Exception):
    """A French message for the contributor."""


class AmbiguousCommune(ScaffoldError):
    def __init__(self, message: str, candidates: list[Commune]):
        super().__init__(message)
        self.candidates = candidates


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    """One answer: its command-line flag, its prompt and the model field that checks it."""

    name: str  # key in the answers
    flag: str  # --code-postal
    label: str  # French, for the prompt and the help
    model: type
    field: str
    required: bool = False
    choices: str | None = None  # vocabulary section, or "sources"
    separator: str | None = None  # several values in one answer
    example: str = ""

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


POLE_QUESTIONS = [
    Question("nom", "--nom", "nom du pôle", Pole, "nom", required=True, example="Pôle Sud Archer"),
    Question(
        "code_postal",
        "--code-postal",
        "code postal de la commune du pôle",
        Pole,
        "code_postal",
        required=True,
        example="26100",
    ),
    Question(
        "commune",
        "--commune",
        "commune, quand plusieurs communes partagent le code postal",
        Pole,
        "commune",
        example="Romans-sur-Isère",
    ),
    Question("type", "--type", "type de pôle", Pole, "type", choices="types"),
    Question(
        "thematiques",
        "--thematiques",
        "thématiques, séparées par des virgules",
        Pole,
        "thematiques",
        choices="thematiques",
        separator=",",
    ),
    Question(
        "structure_porteuse",
        "--structure-porteuse",
        "structure porteuse",
        Pole,
        "structure_porteuse",
        example="Association Archer",
    ),
    Question("site_web", "--site-web", "site web", Pole, "site_web", example="https://www.exemple.org"),
    Question(
        "sources",
        "--source",
        "documents sources (identifiants de data/sources.yml, séparés par des virgules)",
        Pole,
        "sources",
        choices="sources",
        separator=",",
    ),
]

EVENT_QUESTIONS = [
    Question(
        "titre",
        "--titre",
        "titre de l'événement",
        Evenement,
        "titre",
        required=True,
        example="Rencontre régionale des PTCE",
    ),
    Question(
        "type", "--type", "type d'événement", Evenement, "type", required=True, choices="types_evenement"
    ),
    Question(
        "debut",
        "--debut",
        "début : AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM avec l'heure",
        Evenement,
        "debut",
        required=True,
        example="2026-03-12T09:30",
    ),
    Question("fin", "--fin", "fin, même format", Evenement, "fin", example="2026-03-12T17:00"),
    Question("lieu", "--lieu", "nom du lieu", Lieu, "nom", example="Abbaye-aux-Dames"),
    Question(
        "adresse",
        "--adresse",
        "adresse du lieu (numéro et voie)",
        Lieu,
        "adresse",
        example="Place Reine Mathilde",
    ),
    Question("code_postal", "--code-postal", "code postal du lieu", Lieu, "code_postal", example="14000"),
    Question(
        "commune",
        "--commune",
        "commune, quand plusieurs communes partagent le code postal",
        Lieu,
        "commune",
        example="Caen",
    ),
    Question(
        "fuseau",
        "--fuseau",
        "fuseau horaire IANA, déduit du code postal outre-mer",
        Evenement,
        "fuseau",
        example="America/Guadeloupe",
    ),
    Question("en_ligne", "--en-ligne", "lien de participation à distance", EnLigne, "url"),
    Question(
        "organisateurs",
        "--organisateur",
        "organisateurs, séparés par des points-virgules",
        Organisation,
        "nom",
        separator=";",
        example="CRESS Normandie",
    ),
    Question(
        "poles",
        "--poles",
        "pôles concernés (identifiants de data/poles/, séparés par des virgules)",
        Evenement,
        "poles",
        separator=",",
    ),
    Question(
        "sources",
        "--source",
        "documents sources (identifiants de data/sources.yml, séparés par des virgules)",
        Evenement,
        "sources",
        choices="sources",
        separator=",",
    ),
]

QUESTIONS = {"pole": POLE_QUESTIONS, "evenement": EVENT_QUESTIONS}


def choices(q: Question, context: dict) -> list[tuple[str, str]]:
    """(key, label) of the allowed values of a question, in the file's order."""
    if q.choices == "sources":
        return [
            (k, str((v or {}).get("titre", "")) if isinstance(v, dict) else "")
            for k, v in (context.get("sources") or {}).items()
        ]
    if q.choices:
        section = (context.get("vocabulaires") or {}).get(q.choices) or {}
        return [
            (k, str((v or {}).get("libelle", k)) if isinstance(v, dict) else k) for k, v in section.items()
        ]
    return []


_ADAPTERS: dict[tuple, TypeAdapter] = {}


def _adapter(model: type, name: str, item: bool) -> TypeAdapter:
    key = (model, name, item)
    if key not in _ADAPTERS:
        info = model.model_fields[name]
        annotation = info.annotation
        if info.metadata:
            annotation = typing.Annotated[(annotation, *info.metadata)]
        if item:  # one element of a list field, or one organisation name
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if typing.get_origin(annotation) is list:
                annotation = args[0]
        _ADAPTERS[key] = TypeAdapter(annotation)
    return _ADAPTERS[key]


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "iso"):
        return value.iso()
    return str(value)


def check_answer(q: Question, raw: str | None, context: dict):
    """The value to write for one answer (text, or list of texts; None when empty).

    Raises ScaffoldError with the model's French message when the answer is not
    acceptable. A number picks a value in the list of choices.
    """
    raw = (raw or "").strip()
    if not raw:
        if q.required:
            raise ScaffoldError("réponse obligatoire")
        return None
    allowed = choices(q, context)
    parts = [p.strip() for p in raw.split(q.separator)] if q.separator else [raw]
    parts = [p for p in parts if p]
    values = []
    for p in parts:
        if allowed and p.isdigit() and 1 <= int(p) <= len(allowed):
            p = allowed[int(p) - 1][0]
        values.append(p)
    problems = []
    out = []
    for v in values:
        try:
            out.append(
                _plain(_adapter(q.model, q.field, bool(q.separator)).validate_python(v, context=context))
            )
        except ValidationError as exc:
            problems += [_message(e) for e in exc.errors(include_url=False)]
    if q.name == "poles" and "poles" in context:
        for v in out:
            if v not in context["poles"]:
                problems.append(f"aucune fiche data/poles/{v}.md.{suggestion(v, context['poles'])}")
    if problems:
        raise ScaffoldError(" ; ".join(dict.fromkeys(problems)))
    if not out:
        if q.required:
            raise ScaffoldError("réponse obligatoire")
        return None
    return out if q.separator else out[0]


def cross_problems(kind: str, answers: dict) -> dict[str, str]:
    """Problems between answers, by the answer to ask again."""
    if kind == "evenement" and answers.get("debut") and answers.get("fin"):
        debut, fin = parse_moment(answers["debut"]), parse_moment(answers["fin"])
        if fin.date.last_day() < debut.date.first_day() or (
            fin.date == debut.date and fin.time and debut.time and fin.time < debut.time
        ):
            return {"fin": f"la fin ({fin}) précède le début ({debut})"}
    return {}


# --------------------------------------------------------------------------- place


def find_commune(geo: Geo, code_postal: str, commune: str | None = None) -> Commune:
    """The commune of a postal code; AmbiguousCommune lists the candidates."""
    candidates = sorted(geo.communes_for_postcode(code_postal), key=lambda c: (fold(c.nom), c.nom))
    if not candidates:
        raise ScaffoldError(
            f"code postal {show(code_postal)} inconnu de la base officielle (data/geo/) : vérifiez-le"
        )
    listed = ", ".join(c.nom for c in candidates)
    if commune:
        found = geo.find_commune(code_postal, commune)
        if found is None:
            raise AmbiguousCommune(
                f"{show(commune)} ne correspond pas au code postal {code_postal} "
                f"(communes de ce code : {listed})",
                candidates,
            )
        return found
    if len(candidates) == 1:
        return candidates[0]
    raise AmbiguousCommune(
        f"plusieurs communes ont le code postal {code_postal} : précisez laquelle "
        f"avec --commune (parmi : {listed})",
        candidates,
    )


def describe(geo: Geo, commune: Commune) -> str:
    """« Trévoux (01 Ain, Auvergne-Rhône-Alpes) »."""
    dept = geo.departement(commune.departement)
    if dept is None:
        return commune.nom
    return f"{commune.nom} ({dept.code} {dept.nom}, {dept.region})"


def zone_for(commune: Commune | None) -> str | None:
    return ZONES.get(commune.departement) if commune else None


# --------------------------------------------------------------------------- duplicates


def duplicate_message(kind: str, found: list[tuple[Summary, str]]) -> str:
    what = "ce pôle" if kind == "pole" else "cet événement"
    lines = [f"{what.capitalize()} a probablement déjà une fiche :"]
    lines += [f"  - {o.path} : {reason}" for o, reason in found]
    lines.append("Complétez la fiche existante plutôt que d'en créer une autre.")
    if duplicates.certain(found):
        lines.append("Le site refuserait de publier deux fiches du même nom au même lieu.")
    else:
        other = "pôle" if kind == "pole" else "événement"
        lines.append(f"S'il s'agit vraiment d'un autre {other}, relancez avec --forcer.")
    return "\n".join(lines)


# --------------------------------------------------------------------------- slug and fiche


def make_slug(kind: str, answers: dict, chosen: str | None = None, docs: tuple[str, ...] = ()) -> str:
    """File name without .md: slug of the name; for an event, prefixed with its start date."""
    if chosen:
        slug = chosen.strip()
    elif kind == "pole":
        slug = slugify(answers["nom"], max_length=urls.MAX_NAME, word_boundary=True, save_order=True)
    else:
        prefix = parse_moment(answers["debut"]).date.iso()
        rest = slugify(
            answers["titre"], max_length=urls.MAX_NAME - len(prefix) - 1, word_boundary=True, save_order=True
        )
        slug = f"{prefix}-{rest}" if rest else prefix
    if not slug:
        raise ScaffoldError(
            "impossible de tirer un identifiant de ce nom : choisissez-en un avec --identifiant"
        )
    problem = name_problem(KINDS[kind], slug, docs)
    if problem:
        raise ScaffoldError(problem + (" (option --identifiant)" if not chosen else ""))
    return slug


def fiche_data(kind: str, answers: dict, commune: Commune | None, today: dt.date) -> dict:
    """The fields to write, as the strings the reader would give back."""
    a = {k: v for k, v in answers.items() if v not in (None, [], "")}
    if kind == "pole":
        data = {k: a[k] for k in ("nom", "type", "thematiques", "structure_porteuse") if k in a}
        if "code_postal" in a:
            data["code_postal"] = a["code_postal"]
            if commune:
                data["commune"] = commune.nom
        if "site_web" in a:
            data["site_web"] = a["site_web"]
        data["date_maj"] = today.isoformat()
        if "sources" in a:
            data["sources"] = a["sources"]
        return data
    data = {"titre": a["titre"], "type": a["type"], "statut": "programme", "debut": a["debut"]}
    if "fin" in a:
        data["fin"] = a["fin"]
    zone = a.get("fuseau") or (zone_for(commune) if commune else None)
    if zone:
        data["fuseau"] = zone
    lieu = {
        k: a[v]
        for k, v in (("nom", "lieu"), ("adresse", "adresse"), ("code_postal", "code_postal"))
        if v in a
    }
    if commune or a.get("commune"):
        lieu["commune"] = commune.nom if commune else a["commune"]
    if lieu:
        data["lieu"] = lieu
    if "en_ligne" in a:
        data["en_ligne"] = {"url": a["en_ligne"]}
    if "organisateurs" in a:
        data["organisateurs"] = [{"nom": n} for n in a["organisateurs"]]
    for k in ("poles", "sources"):
        if k in a:
            data[k] = a[k]
    return data


def header(kind: str, slug: str) -> list[str]:
    """Comment block at the top of the front matter; the first line points editors to the schema."""
    folder, page = FOLDER[kind], PAGE[kind]
    what = "d'un pôle" if kind == "pole" else "d'un événement"
    return [
        f"# yaml-language-server: $schema={urls.schema_url(kind)}",
        f"# Fiche {what} de ptce.fr : data/{folder}/{slug}.md, publiée à l'adresse {urls.SITE}{page}/{slug}/",
        f"# Référence des champs (obligatoires, formats, valeurs possibles) : {FIELDS_URL}",
        "# Complétez les champs connus, supprimez les autres ; n'inventez rien.",
        "# Vérifiez la fiche avec : python scripts/validate.py",
    ]


BODY = {
    "pole": (
        "Décrivez ici le pôle avec vos propres mots, en quelques paragraphes : qui coopère, autour de "
        "quelles activités, sur quel territoire, depuis quand. Ne recopiez pas les documents : "
        "reformulez.\n\n"
        "Citez vos sources : dites d'où vient chaque information (document, date, page), et ajoutez "
        "l'identifiant du document au champ sources (après l'avoir décrit dans data/sources.yml s'il n'y "
        "est pas encore). Markdown simple : **gras**, *italique*, listes, liens.\n"
    ),
    "evenement": (
        "Décrivez ici l'événement avec vos propres mots : son objet, son public, ce qui s'y est dit "
        "ou décidé. Ne recopiez pas le programme : reformulez.\n\n"
        "Citez vos sources : dites d'où vient chaque information (programme, compte rendu…), et "
        "ajoutez l'identifiant du document au champ sources (après l'avoir décrit dans "
        "data/sources.yml s'il n'y est pas encore).\n"
    ),
}


def render(kind: str, data: dict, slug: str) -> str:
    """The whole file: header comments, fields in canonical order and quoting, body placeholder."""
    return canonical.dump(KINDS[kind], data, header(kind, slug)) + "\n" + BODY[kind]


def relative_path(kind: str, slug: str) -> str:
    return f"data/{FOLDER[kind]}/{slug}.md"


def page_url(kind: str, slug: str, base: str = "http://127.0.0.1:8000") -> str:
    return f"{base}/{PAGE[kind]}/{slug}/"
