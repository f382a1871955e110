"""The issue forms « Proposer un pôle », « Annoncer un événement » and « Corriger une fiche », generated
from the models (.github/ISSUE_TEMPLATE/*.yml, written by scripts/ecrire_formulaires.py).

Each question of a form is either a field of the model (``path``: ("nom",), ("lieu", "code_postal")) or
one of the few questions that are not (the presentation, which becomes the body of the fiche; the
accords). For a field, the model gives the kind of question (a vocabulary field is a dropdown of its
French labels, a list of blocks a text area with one block per line, a yes/no field a checkbox, a long
text a text area), whether it is required and, unless ``hint`` replaces it, its description. This module
only adds what the models do not know: the French label of each question, and which fields a form asks.

ptce/authoring/forms.py reads the answers back with the same questions, so a label written here is the
heading GitHub writes in the issue and the name the bot's messages give to a field.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ptce.authoring.canonical import quote
from ptce.records.fields import declared_type, field_kind, vocabulary_of
from ptce.records.kinds import BY_KEY
from ptce.text import urls
from ptce.text.typography import french

SITE = urls.SITE.rstrip("/")  # https://ptce.fr, joined below as f"{SITE}/poles/"
SEPARATOR = ";"  # between the parts of one line of a list of blocks
FORM_LABEL = "formulaire"  # every form's issues carry it: the workflow runs only for them
FIX_LABEL = "a-corriger"  # put by the bot while an answer has a problem


@dataclass(frozen=True)
class Question:
    """One question of a form."""

    id: str  # GitHub's field id; for a model field, its path joined with "-" (lieu-code_postal)
    label: str  # French: the heading GitHub writes in the issue body
    path: tuple[str, ...] = ()  # the model field it fills; () when it is not a field
    columns: tuple[tuple[str, str], ...] = ()  # a list of blocks: (sub-field, label) of each part of a line
    hint: str | None = None  # replaces the model's description
    placeholder: str = ""
    widget: str = ""  # for a question that is not a field: input, textarea or checkboxes
    options: tuple[tuple[str, bool], ...] = ()  # checkboxes: (text, required)
    required: bool = False  # for a question that is not a field (a field's comes from its model)
    multiline: bool = False  # for a question that is not a field: an answer of several lines


def _columns(*pairs: str) -> tuple[tuple[str, str], ...]:
    return tuple(zip(pairs[::2], pairs[1::2], strict=True))


ACCORDS_POLE = (
    (
        "Les personnes nommées dans cette proposition acceptent que leur nom et leur fonction soient "
        "publiés.",
        True,
    ),
    (
        "Je n'ai rien inventé, j'ai indiqué mes sources et j'accepte que ces informations soient publiées "
        "sous Licence Ouverte 2.0.",
        True,
    ),
)
ACCORDS_EVENT = (
    (
        "Les personnes nommées dans cette annonce (intervenants, animateurs, contacts) acceptent que leur "
        "nom, leur fonction et leur organisation soient publiés.",
        True,
    ),
    ACCORDS_POLE[1],
)
ACCORDS_HINT = (
    "Les fiches sont publiées sous Licence Ouverte 2.0. Pour faire retirer des données personnelles : "
    f"voir {SITE}/contribuer/."
)
CONTACTS = Question(
    "contacts",
    "Coordonnées personnelles",
    widget="checkboxes",
    hint="À cocher seulement si vous avez donné le téléphone ou le courriel direct d'une personne : sans "
    "son accord, ne les donnez pas (le dépôt des fiches est public).",
    options=(
        (
            "Les personnes dont j'ai donné le téléphone ou le courriel direct acceptent qu'ils soient "
            "publiés sur le site.",
            False,
        ),
    ),
)
SOURCES_HINT = (
    "D'où viennent ces informations ? Un document par ligne : son identifiant dans la liste des sources "
    f"du site ({urls.REPOSITORY}/blob/main/data/sources.yml, ex. plan-action-2013), ou, pour un document "
    "qui n'y figure pas encore, son titre, son auteur, sa date et son lien : l'équipe l'ajoutera à la liste."
)


def _presentation(what: str) -> Question:
    return Question(
        "presentation",
        "Présentation",
        widget="textarea",
        multiline=True,
        hint=f"Quelques paragraphes avec vos propres mots : {what}. Ne recopiez pas les documents, "
        "reformulez. Texte simple ou Markdown (**gras**, *italique*, listes, liens), sans HTML ni image.",
    )


def _duplicate(what: str, page: str) -> Question:
    return Question(
        "doublon",
        "Doublon",
        widget="checkboxes",
        hint=f"Si le robot signale un {what} au nom proche déjà publié, et qu'il s'agit vraiment d'un autre, "
        "cochez cette case puis modifiez l'issue.",
        options=((f"J'ai vérifié sur {SITE}/{page}/ : ce {what} n'y a pas encore de fiche.", False),),
    )


POLE = (
    Question(
        "nom", "Nom du pôle", ("nom",), hint="Nom du pôle ou de l'initiative, tel que la source le donne."
    ),
    Question("type", "Forme de coopération", ("type",), hint=""),
    Question("thematiques", "Thématiques", ("thematiques",), hint=""),
    Question(
        "statuts",
        "Statuts successifs",
        ("statuts",),
        columns=_columns("statut", "Statut", "date", "Date", "source", "Source", "note", "Note"),
        placeholder="Candidature à l'appel de fin 2011 ; 2012 ; plan-action-2013\nOpérationnel ; 2014-09",
    ),
    Question("structure_porteuse", "Structure porteuse", ("structure_porteuse",)),
    Question(
        "responsables",
        "Personnes responsables ou contacts",
        ("responsables",),
        columns=_columns(
            "nom",
            "Prénom et nom",
            "role",
            "Fonction",
            "depuis",
            "Depuis",
            "jusqu_a",
            "Jusqu'à",
            "telephone",
            "Téléphone direct",
            "courriel",
            "Courriel direct",
        ),
        hint="Le nom et la fonction sont publiés. Le téléphone et le courriel directs d'une personne ne sont "
        "publiés qu'avec son accord (case « Coordonnées personnelles » ci-dessous) : sans cet accord, ne les "
        "donnez pas.",
        placeholder="Prénom Nom ; Coordinatrice ; 2013-01",
    ),
    CONTACTS,
    Question("adresse", "Adresse", ("adresse",), placeholder="1 rue de l'Exemple"),
    Question("code_postal", "Code postal", ("code_postal",), placeholder="14000"),
    Question("cedex", "CEDEX ou boîte postale", ("cedex",)),
    Question("commune", "Commune", ("commune",)),
    Question("region", "Région", ("region",)),
    Question("perimetre", "Échelle d'action", ("perimetre",)),
    Question("telephone", "Téléphone de la structure", ("telephone",)),
    Question(
        "courriel",
        "Courriel de la structure",
        ("courriel",),
        hint="Adresse générique de la structure (pas celle d'une personne).",
    ),
    Question("site_web", "Site web", ("site_web",), placeholder="https://www.exemple.org"),
    Question(
        "date_maj",
        "Date de vérification",
        ("date_maj",),
        hint='Date à laquelle vous avez vérifié ces informations, "AAAA-MM-JJ".',
        placeholder="2026-01-31",
    ),
    Question("sources", "Sources", ("sources",), hint=SOURCES_HINT),
    _presentation("qui coopère, autour de quelles activités, sur quel territoire, depuis quand"),
    _duplicate("pôle", "poles"),
    Question("accords", "Accords", widget="checkboxes", hint=ACCORDS_HINT, options=ACCORDS_POLE),
)

EVENT = (
    Question("titre", "Titre de l'événement", ("titre",)),
    Question("type", "Type d'événement", ("type",), hint=""),
    Question(
        "statut",
        "Statut",
        ("statut",),
        hint="« A eu lieu » seulement si une source le rapporte : citez-la dans « Sources ».",
    ),
    Question("debut", "Début", ("debut",), placeholder="2026-03-12T09:30"),
    Question("fin", "Fin", ("fin",), placeholder="2026-03-12T17:00"),
    Question(
        "fuseau",
        "Fuseau horaire",
        ("fuseau",),
        hint="Europe/Paris par défaut ; déduit du code postal "
        "outre-mer (ex. America/Guadeloupe, Indian/Reunion).",
    ),
    Question("lieu-nom", "Nom du lieu", ("lieu", "nom")),
    Question("lieu-adresse", "Adresse du lieu", ("lieu", "adresse")),
    Question("lieu-code_postal", "Code postal du lieu", ("lieu", "code_postal"), placeholder="14000"),
    Question("lieu-commune", "Commune du lieu", ("lieu", "commune")),
    Question("lieu-acces", "Accès", ("lieu", "acces")),
    Question("en_ligne-description", "Participation à distance", ("en_ligne", "description")),
    Question("en_ligne-url", "Lien de participation à distance", ("en_ligne", "url")),
    Question(
        "organisateurs",
        "Organisateurs",
        ("organisateurs",),
        columns=_columns("nom", "Nom", "site_web", "Site web"),
        placeholder="CRESS Normandie ; https://www.exemple.org",
    ),
    Question(
        "financeurs",
        "Financeurs et soutiens",
        ("financeurs",),
        columns=_columns("nom", "Nom", "site_web", "Site web"),
    ),
    Question("public", "Public visé", ("public",)),
    Question(
        "inscription-obligatoire",
        "Inscription obligatoire",
        ("inscription", "obligatoire"),
        hint="",
        options=(("L'événement est sur inscription uniquement.", False),),
    ),
    Question("inscription-url", "Page d'inscription", ("inscription", "url")),
    Question(
        "inscription-courriel",
        "Courriel d'inscription",
        ("inscription", "courriel"),
        hint="Courriel d'inscription ou de contact : une adresse générique plutôt que celle d'une personne.",
    ),
    Question(
        "inscription-telephone",
        "Téléphone d'inscription",
        ("inscription", "telephone"),
        hint="Téléphone d'inscription ou de contact : un numéro générique plutôt que celui d'une personne.",
    ),
    Question("inscription-date_limite", "Date limite d'inscription", ("inscription", "date_limite")),
    Question("inscription-modalites", "Modalités d'inscription", ("inscription", "modalites")),
    Question(
        "programme",
        "Programme",
        ("programme",),
        columns=_columns("debut", "Début", "fin", "Fin", "titre", "Titre", "jour", "Jour"),
        hint="Déroulé, dans l'ordre. Les intervenants s'ajoutent ensuite dans la pull request : nommez-les "
        "dans « Présentation » si vous les connaissez.",
        placeholder="09:30 ; 10:00 ; Accueil\n10:00 ; 12:00 ; Table ronde",
    ),
    Question(
        "poles",
        "Pôles concernés",
        ("poles",),
        hint=f"Adresses des pages des pôles ({SITE}/poles/…/) ou leurs identifiants, séparés par des "
        "virgules.",
    ),
    Question(
        "documents",
        "Documents liés",
        ("documents",),
        columns=_columns("titre", "Titre", "url", "Adresse", "type", "Nature"),
        placeholder="Compte rendu de la rencontre ; https://www.exemple.org/compte-rendu.pdf ; compte rendu",
    ),
    Question("sources", "Sources", ("sources",), hint=SOURCES_HINT),
    _presentation("son objet, son public, ce qui s'y est dit ou décidé"),
    _duplicate("événement", "agenda"),
    Question("accords", "Accords", widget="checkboxes", hint=ACCORDS_HINT, options=ACCORDS_EVENT),
)

# Fields a correction may change one line at a time: the questions of a field that takes one value or a
# list of values (a list of blocks such as the responsables is too free-form: it goes in the explanation).
FIXABLE = {
    kind: tuple(q for q in questions if q.path and not q.columns)
    for kind, questions in (("pole", POLE), ("evenement", EVENT))
}
FICHE = urls.CORRECTION_FIELD  # the correction form's question naming the fiche (prefilled by its page)


def _fixable_list(kind: str) -> str:
    return ", ".join(f"« {q.label} »" for q in FIXABLE[kind])


CORRECTION = (
    Question(
        FICHE,
        "Fiche à corriger",
        widget="input",
        required=True,
        hint=f"Adresse de la page (ex. {SITE}/poles/…/ ou {SITE}/agenda/…/) ; le bouton « Proposer une "
        "correction » d'une fiche la remplit pour vous.",
    ),
    Question(
        "modifications",
        "Modifications",
        widget="textarea",
        multiline=True,
        hint="Une ligne par information à changer : « Nom du champ : nouvelle valeur », par exemple "
        "« Site web : https://www.exemple.org ». Laissez la valeur vide après les deux-points pour retirer "
        "l'information. Pour plusieurs valeurs (thématiques), séparez-les par des virgules. Ce qui ne tient "
        "pas sur une ligne (personnes, statuts, programme) va dans « Explication ».\n\n"
        f"Champs d'un pôle : {_fixable_list('pole')}.\n\n"
        f"Champs d'un événement : {_fixable_list('evenement')}.",
        placeholder="Site web : https://www.exemple.org\nStructure porteuse : Association Exemple",
    ),
    Question(
        "explication",
        "Explication",
        widget="textarea",
        required=True,
        multiline=True,
        hint="Ce qui est faux ou manque, et d'où vient la bonne information. L'équipe la lit avant "
        "d'accepter la correction.",
    ),
    Question("sources", "Sources", widget="textarea", multiline=True, hint=SOURCES_HINT),
    Question("accords", "Accords", widget="checkboxes", hint=ACCORDS_HINT, options=(ACCORDS_POLE[1],)),
)

AFTER = (
    "Ensuite, un robot lit vos réponses avec les mêmes règles que le site. Si tout est en ordre, il ouvre "
    "une pull request (une proposition de modification du dépôt) qui crée {what}, la relie à cette issue "
    "et vous en crédite ; sinon, il écrit en commentaire, en français, ce qui est à corriger, une ligne par "
    "problème. Modifiez alors l'issue (menu « … », « Edit ») : le robot relit vos réponses et met à jour "
    "la même pull request. Une personne de l'équipe relit ensuite la pull request avant publication."
)


@dataclass(frozen=True)
class Form:
    key: str  # pole, evenement or correction
    file: str  # .github/ISSUE_TEMPLATE/<file>
    name: str
    description: str
    title: str
    labels: tuple[str, ...]
    intro: str
    questions: tuple[Question, ...]

    @property
    def kind(self) -> str | None:
        """The kind of record the form creates (None: a correction, of a pole or an event)."""
        return self.key if self.key in BY_KEY else None


FORMS = {
    "pole": Form(
        "pole",
        "proposer-un-pole.yml",
        "Proposer un pôle",
        "Proposer la fiche d'un pôle sans utiliser git : un robot vérifie vos réponses et en fait une pull "
        "request, relue par l'équipe avant publication.",
        "Pôle : ",
        (FORM_LABEL, "pole"),
        "Merci de proposer un pôle ! Remplissez seulement ce que vous savez : un champ laissé vide "
        "s'affichera « non renseigné » sur le site. **N'inventez rien** et indiquez d'où vient chaque "
        "information.\n\n"
        + AFTER.format(what="la fiche")
        + f"\n\nLe guide complet est sur {SITE}/contribuer/.",
        POLE,
    ),
    "evenement": Form(
        "evenement",
        "annoncer-un-evenement.yml",
        "Annoncer un événement",
        "Annoncer une rencontre, une formation ou un webinaire sans utiliser git : un robot vérifie vos "
        "réponses et en fait une pull request, relue par l'équipe avant publication.",
        "Événement : ",
        (FORM_LABEL, "evenement"),
        "Merci d'annoncer un événement ! Remplissez seulement ce que vous savez. **N'inventez rien** (ni "
        "horaire, ni lien, ni intervenant) et indiquez d'où viennent les informations.\n\n"
        + AFTER.format(what="la fiche de l'événement")
        + f"\n\nLe guide complet est sur {SITE}/contribuer/.",
        EVENT,
    ),
    "correction": Form(
        "correction",
        urls.CORRECTION_FORM,
        "Corriger une fiche",
        "Corriger ou compléter la fiche d'un pôle ou d'un événement sans utiliser git : un robot vérifie "
        "vos réponses et en fait une pull request, relue par l'équipe avant publication.",
        "Correction : ",
        (FORM_LABEL, "correction"),
        "Merci de corriger une fiche ! Indiquez la fiche, les informations à changer et d'où vient la bonne "
        "information. **N'inventez rien.**\n\n"
        + AFTER.format(what="la fiche corrigée")
        + " Une demande sans ligne « Nom du champ : valeur » est transmise telle quelle à l'équipe, qui "
        "fera la correction.\n\n"
        f"Le guide complet est sur {SITE}/contribuer/.",
        CORRECTION,
    ),
}
BY_FILE = {f.file: f for f in FORMS.values()}


# --------------------------------------------------------------------------- the model side


def _strip_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _flatten(annotation) -> tuple[object, tuple]:
    """(base type, Annotated metadata of every level)."""
    metadata: tuple = ()
    while typing.get_origin(annotation) is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        metadata += tuple(meta)
        annotation = base
    return annotation, metadata


@dataclass(frozen=True)
class Shape:
    """What a model field is, for a form: its owner, whether a form must have it, and its kind."""

    owner: type[BaseModel]
    name: str
    info: FieldInfo
    required: bool
    many: bool  # a list
    block: type[BaseModel] | None  # a list of blocks: the model of one block
    vocabulary: str | None  # section of data/vocabulaires.yml
    boolean: bool
    long: bool  # a long text (several lines)
    type_label: str = ""  # FieldKind.label: « heure », « date »…

    @property
    def description(self) -> str:
        return self.info.description or ""


def shape(model: type[BaseModel], path: tuple[str, ...]) -> Shape:
    """Walk path through the models: ("lieu", "code_postal") is Lieu.code_postal inside Evenement.lieu."""
    required = True
    owner = model
    for i, name in enumerate(path):
        info = owner.model_fields[name]
        required = required and info.is_required()
        annotation = _strip_optional(declared_type(info))
        if i < len(path) - 1:
            base, _ = _flatten(annotation)
            owner = base
            continue
        many = typing.get_origin(annotation) is list
        if many:
            annotation = typing.get_args(annotation)[0]
        base, metadata = _flatten(annotation)
        base, more = _flatten(_strip_optional(base))
        metadata += more
        kind = field_kind(metadata)
        block = base if isinstance(base, type) and issubclass(base, BaseModel) else None
        return Shape(
            owner,
            name,
            info,
            required,
            many,
            block if many else None,
            vocabulary_of(metadata),
            base is bool,
            bool(kind and kind.widget == "text"),
            kind.label if kind else "",
        )
    raise ValueError(path)


def model_of(form: Form) -> type[BaseModel]:
    assert form.kind
    return BY_KEY[form.kind].model


_YAML_HINT = re.compile(
    r" ?\((?:section \w+ de data/vocabulaires\.yml|identifiants de data/sources\.yml|data/sources\.yml)\)"
    r"|,? entre guillemets"
)


def description(form: Form, q: Question, vocabulaires: dict) -> str:
    """What the form says under a question's label: the model's description (what speaks of YAML left
    out) or the question's own hint, then how to answer it."""
    if not q.path:
        return q.hint or ""
    s = shape(model_of(form), q.path)
    text = q.hint if q.hint is not None else _YAML_HINT.sub("", s.description).replace("`", "")
    parts = [text] if text and text.rstrip(".") != q.label else []
    if s.block:
        labels = f" {SEPARATOR} ".join(label for _, label in q.columns)
        parts.append(
            f"Une ligne par entrée, ses parties séparées par « {SEPARATOR} » dans cet ordre : {labels} "
            "(laissez vides les dernières parties inconnues)."
        )
        for sub, label in q.columns:
            sub_shape = shape(s.block, (sub,))
            if sub_shape.vocabulary:
                values = ", ".join(_labels(vocabulaires, sub_shape.vocabulary))
                parts.append(f"{label} : {values}.")
            elif not sub_shape.required:
                continue
            else:
                parts.append(f"{label} : obligatoire.")
    elif s.many and not s.vocabulary and q.id != "sources" and q.hint is None:
        parts.append("Séparez les valeurs par des virgules.")
    elif s.many and s.vocabulary:
        parts.append("Une ou plusieurs valeurs.")
    return " ".join(parts)


def _labels(vocabulaires: dict, section: str) -> list[str]:
    entries = vocabulaires.get(section) or {}
    return [str((v or {}).get("libelle", k)) if isinstance(v, dict) else str(k) for k, v in entries.items()]


def widget(form: Form, q: Question) -> str:
    """input, textarea, dropdown or checkboxes."""
    if not q.path:
        return q.widget
    s = shape(model_of(form), q.path)
    if s.vocabulary:
        return "dropdown"
    if s.boolean:
        return "checkboxes"
    if s.block or s.long or q.id == "sources":
        return "textarea"
    return "input"


def required(form: Form, q: Question) -> bool:
    return shape(model_of(form), q.path).required if q.path else q.required


# --------------------------------------------------------------------------- the YAML file


def shown(text: str) -> str:
    """A text as the form shows it (French spacing and apostrophes): what GitHub writes back in the issue."""
    return french(text)


def same_text(a: str, b: str) -> bool:
    """Equal once French spacing, apostrophes and line breaks are set aside (a heading, an option)."""
    return " ".join(french(a).split()) == " ".join(french(b).split())


HEADER = (
    "# Generated from the models (ptce/records/models.py), data/vocabulaires.yml and",
    "# ptce/authoring/formspec.py by scripts/ecrire_formulaires.py: do not edit by hand",
    "# (tests/test_formulaires.py compares).",
    "# The bot .github/workflows/formulaire.yml reads the answers back (ptce/authoring/forms.py).",
)
WIDTH = 100


_OPENS_BLOCK = re.compile(r"^(?:[-+*>#=|]|\d+[.)])")  # a Markdown line starting so is no longer a paragraph


def _wrap(paragraph: str, width: int) -> list[str]:
    """Greedy wrap that never starts a line with what Markdown would read as a list, heading or quote."""
    lines: list[list[str]] = [[]]
    for word in paragraph.split(" "):
        line = lines[-1]
        if line and len(" ".join(line + [word])) > width:
            carried = []
            while _OPENS_BLOCK.match(word if not carried else carried[0]) and len(line) > 1:
                carried.insert(0, line.pop())
            lines.append(carried + [word])
        else:
            line.append(word)
    return [" ".join(line) for line in lines if line]


def _block(text: str, indent: int) -> list[str]:
    """A literal block scalar, each paragraph wrapped (Markdown joins the lines of a paragraph again)."""
    pad = " " * indent
    out = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            out.append("")
            continue
        out += [pad + line for line in _wrap(paragraph, WIDTH - indent)]
    return out


def _scalar(key: str, text: str, indent: int) -> list[str]:
    """Double-quoted on one line when it fits; else a literal block (several paragraphs, read as Markdown)
    or a folded one (one paragraph: the lines join again with single spaces, so the text is exact)."""
    pad = " " * indent
    if "\n" in text:
        return [f"{pad}{key}: |-"] + _block(text, indent + 2)
    if len(pad) + len(key) + 2 + len(quote(text)) > WIDTH and "  " not in text and text == text.strip():
        return [f"{pad}{key}: >-"] + _block(text, indent + 2)
    return [f"{pad}{key}: {quote(text)}"]


def form_yaml(form: Form, vocabulaires: dict) -> str:
    """The issue form file, in a stable layout."""
    lines = list(HEADER)
    lines += _scalar("name", shown(form.name), 0)
    lines += _scalar("description", shown(form.description), 0)
    lines += _scalar("title", form.title, 0)
    lines.append("labels: [" + ", ".join(quote(label) for label in form.labels) + "]")
    lines.append("body:")
    lines += ["  - type: markdown", "    attributes:"] + _scalar("value", shown(form.intro), 6)
    model = model_of(form) if form.kind else None
    for q in form.questions:
        kind = widget(form, q)
        lines.append("")
        lines += [f"  - type: {kind}", f"    id: {q.id}", "    attributes:"]
        lines += _scalar("label", shown(q.label), 6)
        text = description(form, q, vocabulaires)
        if text:
            lines += _scalar("description", shown(text), 6)
        if kind == "dropdown":
            s = shape(model, q.path)
            if s.many:
                lines.append("      multiple: true")
            lines.append("      options:")
            lines += [f"        - {quote(shown(label))}" for label in _labels(vocabulaires, s.vocabulary)]
            default = s.info.default
            keys = list(vocabulaires.get(s.vocabulary) or {})
            if isinstance(default, str) and default in keys:
                lines.append(f"      default: {keys.index(default)}")
        elif kind == "checkboxes":
            lines.append("      options:")
            for text, needed in q.options:
                option = _scalar("label", shown(text), 10)
                lines += ["        - " + option[0].lstrip()] + option[1:]
                lines.append(f"          required: {'true' if needed else 'false'}")
        elif q.placeholder:
            lines += _scalar("placeholder", q.placeholder, 6)
        if kind != "checkboxes":
            lines += ["    validations:", f"      required: {'true' if required(form, q) else 'false'}"]
    return "\n".join(lines) + "\n"
