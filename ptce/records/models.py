"""One model per kind of record: the single source for validation, messages,
the published JSON Schema and the field reference page.

Field descriptions (French) are what contributors read in the reference page
and in their editor. Cross-field rules live in `problems()` so that each one
can point at the field to fix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, create_model

from ptce.records import referentiel
from ptce.records.dates import build_date
from ptce.records.errors import show
from ptce.records.fields import (
    CodeInsee,
    CodePostal,
    Courriel,
    DateP,
    FieldKind,
    Fuseau,
    Heure,
    Identifiant,
    Moment,
    SourceId,
    Telephone,
    Texte,
    TexteLong,
    Url,
    fail,
    guarded,
    in_vocabulary,
)

Loc = tuple
Problem = tuple[Loc, str]


class Record(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    def problems(self) -> list[Problem]:
        return []


class Coordonnees(Record):
    lat: float = Field(allow_inf_nan=False, description="Latitude en degrés décimaux (WGS 84), ex. 45.94.")
    lon: float = Field(allow_inf_nan=False, description="Longitude en degrés décimaux (WGS 84), ex. 4.77.")

    def problems(self) -> list[Problem]:
        if _in_france(self.lat, self.lon):
            return []
        if _in_france(self.lon, self.lat):
            return [
                (
                    (),
                    f"latitude et longitude semblent inversées (lat {self.lat}, lon {self.lon}) : "
                    "échangez-les",
                )
            ]
        return [
            (
                (),
                f"le point (lat {self.lat}, lon {self.lon}) est hors de France métropolitaine et des "
                "outre-mer",
            )
        ]


def _in_france(lat: float, lon: float) -> bool:
    boxes = [
        (41.2, 51.2, -5.3, 9.7),  # métropole et Corse
        (15.8, 18.2, -63.2, -60.7),  # Antilles, Saint-Martin, Saint-Barthélemy
        (1.9, 6.0, -54.7, -51.5),  # Guyane
        (-21.5, -20.8, 55.1, 56.0),  # La Réunion
        (-13.1, -12.5, 44.9, 45.4),  # Mayotte
        (46.7, 47.2, -56.5, -56.1),
    ]  # Saint-Pierre-et-Miquelon
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in boxes)


class EntreeStatut(Record):
    statut: Annotated[Identifiant, in_vocabulary("statuts", "un statut connu")] = Field(
        description="Statut du pôle à cette date (section statuts de data/vocabulaires.yml)."
    )
    date: DateP | None = Field(None, description='Date du statut : "AAAA", "AAAA-MM" ou "AAAA-MM-JJ".')
    source: SourceId | None = Field(
        None, description="Document qui atteste ce statut (identifiant de data/sources.yml)."
    )
    note: Texte | None = Field(None, description="Précision libre.")


class Responsable(Record):
    # Editors that read /schemas/pole.json refuse what the validator refuses: a direct phone or e-mail
    # only with public: true.
    model_config = ConfigDict(
        **Record.model_config,
        json_schema_extra={
            "allOf": [
                {
                    "if": {"required": [field], "properties": {field: {"type": "string"}}},
                    "then": {"required": ["public"], "properties": {"public": {"const": True}}},
                }
                for field in ("telephone", "courriel")
            ]
        },
    )
    nom: Texte = Field(description="Prénom et nom de la personne.")
    role: Texte | None = Field(
        None, description="Fonction, telle que la source la donne (ex. « Responsable », « Coordinatrice »)."
    )
    depuis: DateP | None = Field(None, description="Début de la fonction, si connu.")
    jusqu_a: DateP | None = Field(None, description="Fin de la fonction, si elle a pris fin.")
    telephone: Telephone | None = Field(
        None,
        description="Téléphone direct de la personne, publié : seulement avec son accord et `public: true` "
        "(sans `public: true`, le vérificateur refuse la ligne).",
    )
    courriel: Courriel | None = Field(
        None,
        description="Courriel direct de la personne, publié : seulement avec son accord et `public: true` "
        "(sans `public: true`, le vérificateur refuse la ligne).",
    )
    public: bool = Field(
        False,
        description="`true` si la personne accepte la publication de son téléphone et de son courriel "
        "directs. Sans cet accord, ne les écrivez pas du tout : le dépôt est public.",
    )

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        if self.depuis and self.jusqu_a and self.jusqu_a.last_day() < self.depuis.first_day():
            out.append(
                (("jusqu_a",), f"fin de fonction ({self.jusqu_a}) antérieure au début ({self.depuis})")
            )
        if not self.public:
            # The repository is public: a contact that is only hidden from the pages is still published.
            out += [((name,), _PRIVATE_CONTACT[name]) for name in _PRIVATE_CONTACT if getattr(self, name)]
        return out


_PRIVATE_CONTACT = {
    name: f"{what} personnel sans « public: true » : le dépôt est public, une coordonnée non affichée y "
    "reste lisible. Avec l'accord de la personne, ajoutez « public: true » à ce responsable ; sinon "
    "supprimez cette ligne"
    for name, what in (("telephone", "téléphone"), ("courriel", "courriel"))
}


# Profiles on the référentiel d'action: the objectives, indicators, typology axes and scale come from
# data/referentiel.yml (ptce/records/referentiel.py), so the fields below, their descriptions, the JSON
# Schema and the field reference follow a label corrected there.
REFERENTIEL = referentiel.default()


@guarded
def _level(value: Any) -> Any:
    if value is None:
        return value
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text.isdigit() or int(text) not in REFERENTIEL.levels:
        raise fail(
            "niveau",
            f"{show(value)} n'est pas un niveau de l'échelle, qui va {REFERENTIEL.scale_text()} : pour "
            "« non évalué », supprimez la ligne",
        )
    return int(text)


def _axis(axe: referentiel.Axe):
    """One typology axis: its codes as a Literal (enum of the schema, choices of the editors), checked
    first with a French message naming each code and what it means."""

    @guarded
    def check(value: Any) -> Any:
        if value is None or (isinstance(value, str) and value.strip() in axe.valeurs):
            return value.strip() if isinstance(value, str) else value
        choices = ", ".join(f"{code} ({label})" for code, label in axe.valeurs.items())
        raise fail("typologie", f"{show(value)} n'est pas une valeur de l'axe « {axe.intitule} » : {choices}")

    return Annotated[Literal[tuple(axe.valeurs)], BeforeValidator(check)]


Niveau = Annotated[
    int,
    BeforeValidator(_level),
    WithJsonSchema({"type": "integer", "minimum": REFERENTIEL.levels[0], "maximum": REFERENTIEL.levels[-1]}),
    FieldKind(f"niveau de {REFERENTIEL.levels[0]} à {REFERENTIEL.levels[-1]}"),
]
_SCALE = ", ".join(f"{n.niveau} = {n.libelle}" for n in REFERENTIEL.echelle)

if TYPE_CHECKING:  # built from data/referentiel.yml below; the checker sees plain records

    class Typologie(Record): ...

    class ObjectifsProfil(Record): ...

    class IndicateursProfil(Record): ...

else:
    Typologie = create_model(
        "Typologie",
        __base__=Record,
        **{
            axe.cle: (
                _axis(axe) | None,
                Field(
                    None,
                    description=f"{axe.intitule} : "
                    + ", ".join(f"`{code}` ({label})" for code, label in axe.valeurs.items())
                    + ".",
                ),
            )
            for axe in REFERENTIEL.typologie
        },
    )
    ObjectifsProfil = create_model(
        "ObjectifsProfil",
        __base__=Record,
        **{
            o.lettre: (Niveau | None, Field(None, description=f"{o.lettre}. {o.intitule}."))
            for o in REFERENTIEL.objectifs
        },
    )
    IndicateursProfil = create_model(
        "IndicateursProfil",
        __base__=Record,
        **{
            i.id: (Niveau | None, Field(None, description=f"Indicateur {i.numero} : {i.libelle}."))
            for i in REFERENTIEL.notables
        },
    )


def _levels(block: Record | None) -> dict[str, int]:
    return {k: v for k, v in (block.model_dump() if block else {}).items() if v is not None}


class Profil(Record):
    date: DateP = Field(
        description='Date du positionnement ("AAAA-MM-JJ") : aujourd\'hui ou avant, jamais dans le futur.'
    )
    typologie: Typologie | None = Field(
        None, description="Place du pôle sur les axes de typologie du plan de 2013 (facultatif)."
    )
    objectifs: ObjectifsProfil | None = Field(
        None,
        description="Niveau sur chaque objectif principal, par sa lettre (a à i), sur l'échelle proposée "
        f"par le site ({_SCALE}) ; un objectif non évalué est omis.",
    )
    indicateurs: IndicateursProfil | None = Field(
        None,
        description="Niveau sur chaque indicateur restitué par la source, par son numéro sur deux chiffres "
        'entre guillemets ("01"), même échelle ; un indicateur non évalué est omis.',
    )
    note: Texte | None = Field(
        None, description="Qui a fait le positionnement, dans quel cadre (ex. « séance du bureau »)."
    )

    @property
    def niveaux_objectifs(self) -> dict[str, int]:
        return _levels(self.objectifs)

    @property
    def niveaux_indicateurs(self) -> dict[str, int]:
        return _levels(self.indicateurs)

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        today = build_date()
        if self.date.first_day() > today:
            out.append(
                (
                    ("date",),
                    f"date dans le futur ({self.date}) : un profil décrit le pôle à une date passée, "
                    f"au plus tard aujourd'hui ({today:%Y-%m-%d})",
                )
            )
        if not self.niveaux_objectifs and not self.niveaux_indicateurs:
            out.append(
                (
                    (),
                    "profil sans aucun niveau : indiquez au moins un objectif ou un indicateur "
                    "(l'outil /boite-a-outils/autopositionnement/ écrit le bloc à coller)",
                )
            )
        return out


class Pole(Record):
    """Fiche d'un pôle : data/poles/<identifiant>.md."""

    nom: Texte = Field(description="Nom du pôle ou de l'initiative.")
    nom_inconnu: bool = Field(
        False,
        description="`true` quand la source ne donne pas de nom : la fiche porte alors le nom de sa "
        "structure porteuse.",
    )
    type: Annotated[Identifiant, in_vocabulary("types", "un type de pôle connu")] | None = Field(
        None, description="Forme de coopération (section types de data/vocabulaires.yml)."
    )
    thematiques: list[Annotated[Identifiant, in_vocabulary("thematiques", "une thématique connue")]] = Field(
        default_factory=list, description="Thématiques (section thematiques de data/vocabulaires.yml)."
    )
    statuts: list[EntreeStatut] = Field(
        default_factory=list,
        description="Historique daté des statuts, du plus ancien au plus récent ; le dernier est le statut "
        "actuel.",
    )
    structure_porteuse: Texte | None = Field(None, description="Structure qui porte le pôle.")
    responsables: list[Responsable] = Field(
        default_factory=list,
        description="Personnes responsables ou contacts : nom et fonction sont publiés, leur téléphone et "
        "leur courriel seulement avec `public: true`.",
    )
    adresse: Texte | None = Field(None, description="Numéro et voie (sans code postal ni commune).")
    code_postal: CodePostal | None = Field(
        None,
        description="Code postal de la commune (5 chiffres, entre guillemets). Commune, département, régions "
        "et coordonnées en sont déduits.",
    )
    cedex: Texte | None = Field(
        None,
        description="Adresse CEDEX ou boîte postale, quand la source en donne une (ex. « BP 240 – 26106 "
        "Romans-sur-Isère Cedex ») ; le code CEDEX ne remplace pas le code postal.",
    )
    commune: Texte | None = Field(
        None, description="Commune ; facultative quand le code postal ne désigne qu'une commune."
    )
    code_insee: CodeInsee | None = Field(
        None, description="Code INSEE de la commune ; déduit du code postal et de la commune."
    )
    departement: Texte | None = Field(
        None,
        description='Code du département (ex. "14") ; déduit du code postal, à indiquer seulement sans code '
        "postal.",
    )
    region: Texte | None = Field(
        None, description="Région actuelle ; déduite, à indiquer seulement sans code postal ni département."
    )
    ancienne_region: Texte | None = Field(
        None,
        description="Région d'avant 2016, telle que la nomment les sources ; déduite, à indiquer seulement "
        "sans code postal ni département.",
    )
    perimetre: Annotated[Identifiant, in_vocabulary("perimetres", "un périmètre connu")] | None = Field(
        None, description="Échelle d'action quand elle n'est pas locale (ex. `national`)."
    )
    coordonnees: Coordonnees | None = Field(
        None, description="Position du pôle ; à défaut, celle de la mairie de la commune."
    )
    telephone: Telephone | None = Field(None, description="Téléphone de la structure.")
    courriel: Courriel | None = Field(None, description="Courriel de la structure.")
    site_web: Url | None = Field(None, description="Site web (https://…).")
    date_maj: DateP = Field(description='Date de la dernière vérification de la fiche ("AAAA-MM-JJ").')
    sources: list[SourceId] = Field(
        default_factory=list,
        description="Documents d'où viennent les informations (identifiants de data/sources.yml).",
    )
    profils: list[Profil] = Field(
        default_factory=list,
        description="Profils datés du pôle sur le référentiel d'action, du plus ancien au plus récent : le "
        "dernier est affiché sur la fiche, les autres en historique. L'outil "
        "/boite-a-outils/autopositionnement/ écrit le bloc à coller ; le pôle s'y déclare lui-même.",
    )

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        for i, profil in enumerate(self.profils):
            out += [(("profils", i) + loc, msg) for loc, msg in profil.problems()]
            before = self.profils[i - 1].date if i else None
            if before and profil.date.first_day() < before.first_day():
                out.append(
                    (
                        ("profils", i, "date"),
                        f"les profils doivent être dans l'ordre chronologique ({profil.date} est avant "
                        f"{before})",
                    )
                )
        for i in range(1, len(self.statuts)):
            a, b = self.statuts[i - 1].date, self.statuts[i].date
            if a and b and b.first_day() < a.first_day():
                out.append(
                    (
                        ("statuts", i, "date"),
                        f"les statuts doivent être dans l'ordre chronologique ({b} est avant {a})",
                    )
                )
        for i, person in enumerate(self.responsables):
            out += [(("responsables", i) + loc, msg) for loc, msg in person.problems()]
        if self.coordonnees:
            out += [(("coordonnees",) + loc, msg) for loc, msg in self.coordonnees.problems()]
        if self.commune and not self.code_postal and not self.code_insee:
            out.append(
                (("commune",), "une commune sans code postal est ambiguë : ajoutez le champ code_postal")
            )
        return out


Reserve = Literal["sous-reserve", "a-preciser", "a-definir"]


class Personne(Record):
    nom: Texte | None = Field(
        None, description="Prénom et nom ; absent quand seule l'organisation ou la fonction est annoncée."
    )
    role: Texte | None = Field(None, description="Fonction.")
    organisation: Texte | None = Field(None, description="Organisation représentée.")
    reserve: Reserve | None = Field(
        None, description="`sous-reserve`, `a-preciser` ou `a-definir`, comme l'annonce le programme."
    )

    def problems(self) -> list[Problem]:
        return (
            []
            if (self.nom or self.organisation or self.role)
            else [((), "indiquez au moins un nom, une fonction ou une organisation")]
        )


class Session(Record):
    jour: DateP | None = Field(
        None,
        description="Jour de la session pour un événement de plusieurs jours (par défaut : le premier jour).",
    )
    debut: Heure | None = Field(None, description='Heure de début, "HH:MM" entre guillemets.')
    fin: Heure | None = Field(None, description='Heure de fin, "HH:MM".')
    titre: Texte = Field(description="Titre de la session.")
    type: Annotated[Identifiant, in_vocabulary("types_session", "un type de session connu")] | None = Field(
        None, description="Nature de la session (section types_session de data/vocabulaires.yml)."
    )
    description: TexteLong | None = Field(None, description="Questions abordées, format.")
    animateurs: list[Personne] = Field(default_factory=list, description="Animateurs ou modérateurs.")
    intervenants: list[Personne] = Field(default_factory=list, description="Intervenants.")


class Lieu(Record):
    nom: Texte | None = Field(None, description="Nom du lieu.")
    adresse: Texte | None = Field(None, description="Numéro et voie.")
    code_postal: CodePostal | None = Field(None, description="Code postal, entre guillemets.")
    commune: Texte | None = Field(None, description="Commune.")
    acces: Texte | None = Field(None, description="Accès (transports).")
    coordonnees: Coordonnees | None = Field(None, description="Position ; à défaut, la mairie de la commune.")


class EnLigne(Record):
    description: Texte | None = Field(
        None, description="Modalité (ex. « Également accessible en visioconférence »)."
    )
    url: Url | None = Field(None, description="Lien de connexion ou de diffusion.")


class Organisation(Record):
    nom: Texte = Field(description="Nom de l'organisation.")
    site_web: Url | None = Field(None, description="Site web.")


class Inscription(Record):
    obligatoire: bool = Field(False, description="`true` pour « sur inscription uniquement ».")
    url: Url | None = Field(None, description="Page d'inscription.")
    courriel: Courriel | None = Field(None, description="Courriel d'inscription ou de contact.")
    telephone: Telephone | None = Field(None, description="Téléphone d'inscription ou de contact.")
    date_limite: DateP | None = Field(None, description="Date limite d'inscription.")
    modalites: TexteLong | None = Field(None, description="Autres modalités (tarif, contact…).")


class Document(Record):
    titre: Texte = Field(description="Titre du document.")
    url: Url | None = Field(None, description="Adresse du document ; absente si la source n'en donne pas.")
    type: Texte | None = Field(None, description="Nature : compte rendu, diaporama, programme…")


class Evenement(Record):
    """Fiche d'un événement : data/events/<identifiant>.md."""

    titre: Texte = Field(description="Titre de l'événement.")
    type: Annotated[Identifiant, in_vocabulary("types_evenement", "un type d'événement connu")] = Field(
        description="Type (section types_evenement de data/vocabulaires.yml)."
    )
    statut: Annotated[Identifiant, in_vocabulary("statuts_evenement", "un statut d'événement connu")] = Field(
        "programme",
        description="programme (annoncé), prevu (plan prévisionnel), tenu (une source "
        "rapporte qu'il a eu lieu), reporte ou annule.",
    )
    debut: Moment = Field(
        description='Début : "AAAA-MM-JJ", "AAAA-MM-JJTHH:MM", ou "AAAA-MM" / "AAAA" si seul le mois ou '
        "l'année est connu."
    )
    fin: Moment | None = Field(None, description="Fin, même format.")
    fuseau: Fuseau | None = Field(
        None,
        description="Fuseau horaire IANA ; Europe/Paris par défaut, obligatoire outre-mer (ex. "
        "America/Guadeloupe).",
    )
    lieu: Lieu | None = Field(None, description="Lieu de l'événement.")
    en_ligne: EnLigne | None = Field(None, description="Participation à distance.")
    organisateurs: list[Organisation] = Field(default_factory=list, description="Organisateurs.")
    financeurs: list[Organisation] = Field(default_factory=list, description="Financeurs et soutiens.")
    public: TexteLong | None = Field(None, description="Public visé.")
    inscription: Inscription | None = Field(None, description="Modalités d'inscription.")
    programme: list[Session] = Field(default_factory=list, description="Déroulé, dans l'ordre.")
    poles: list[Identifiant] = Field(
        default_factory=list, description="Pôles concernés (identifiants de fiches de data/poles/)."
    )
    documents: list[Document] = Field(
        default_factory=list, description="Documents liés (compte rendu, diaporamas…)."
    )
    sources: list[SourceId] = Field(
        default_factory=list, description="Documents d'où viennent les informations (data/sources.yml)."
    )

    @property
    def zone(self) -> str:
        return self.fuseau or "Europe/Paris"

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        if (
            self.fin
            and self.fin.date.last_day() < self.debut.date.first_day()
            or (
                self.fin
                and self.fin.time
                and self.debut.time
                and self.fin.date == self.debut.date
                and self.fin.time < self.debut.time
            )
        ):
            out.append((("fin",), f"la fin ({self.fin}) précède le début ({self.debut})"))
        if self.statut == "tenu" and not self.sources:
            out.append(
                (
                    ("sources",),
                    "statut tenu : citez la source qui rapporte que l'événement "
                    "a eu lieu (compte rendu, rapport)",
                )
            )
        if (
            self.debut.time
            and not self.fuseau
            and self.lieu
            and self.lieu.code_postal
            and self.lieu.code_postal.startswith("97")
        ):
            out.append(
                (
                    ("fuseau",),
                    "événement outre-mer avec horaires : précisez le fuseau (ex. America/Guadeloupe, "
                    "Indian/Reunion)",
                )
            )
        first = self.debut.date.first_day()
        last = (self.fin or self.debut).date.last_day()
        for i, s in enumerate(self.programme):
            day = s.jour.first_day() if s.jour else first
            if s.jour and s.jour.precision != "jour":
                out.append((("programme", i, "jour"), 'indiquez le jour complet ("AAAA-MM-JJ")'))
            elif not first <= day <= last:
                out.append(
                    (
                        ("programme", i, "jour" if s.jour else "debut"),
                        f"session hors des dates de l'événement ({first:%d/%m/%Y} – {last:%d/%m/%Y})",
                    )
                )
            if (s.debut or s.fin) and self.debut.date.precision != "jour":
                out.append(
                    (
                        ("programme", i, "debut"),
                        "des horaires de session supposent que le jour de l'événement soit connu",
                    )
                )
            if s.debut and s.fin and s.fin < s.debut:
                out.append(
                    (
                        ("programme", i, "fin"),
                        f"la session finit ({s.fin:%H:%M}) avant de commencer ({s.debut:%H:%M})",
                    )
                )
            for role in ("animateurs", "intervenants"):
                for j, p in enumerate(getattr(s, role)):
                    out += [(("programme", i, role, j) + loc, msg) for loc, msg in p.problems()]
        for name in ("lieu",):
            sub = getattr(self, name)
            if sub and sub.coordonnees:
                out += [((name, "coordonnees") + loc, msg) for loc, msg in sub.coordonnees.problems()]
        return out


class EntreeHistorique(Record):
    version: Texte = Field(description='Numéro de version (ex. "1.1").')
    date: DateP = Field(description="Date de publication de la version.")
    changements: TexteLong = Field(description="Ce qui a changé.")


class Chapitre(Record):
    """En-tête d'un chapitre de la boîte à outils : docs/boite-a-outils/<fichier>.md."""

    id: Identifiant = Field(
        description="Identifiant permanent : l'adresse /boite-a-outils/<id>/ n'en dépend que de lui, jamais "
        "du nom de fichier."
    )
    numero: int = Field(ge=1, le=99, description="Ordre du chapitre.")
    titre: Texte = Field(description="Titre du chapitre.")
    resume: TexteLong = Field(description="Résumé en quelques phrases.")
    version: Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+(\.[0-9]+)?$")] = Field(
        description='Version (ex. "1.0").'
    )
    date: DateP = Field(description="Date de la version.")
    pilotes: list[Texte] = Field(default_factory=list, description="Réseaux pilotes du chapitre.")
    licence: Texte = Field("CC-BY-SA-4.0", description="Licence du contenu.")
    public: Texte | None = Field(None, description="Public visé.")
    mots_cles: list[Texte] = Field(default_factory=list, description="Mots-clés.")
    historique: list[EntreeHistorique] = Field(
        default_factory=list, description="Versions successives, de la plus ancienne à la plus récente."
    )
    anciennes_adresses: list[Identifiant] = Field(
        default_factory=list,
        description="Anciens identifiants du chapitre, redirigés vers l'adresse actuelle.",
    )


class Outil(Record):
    """Fiche outil de la boîte à outils : data/outils/<fichier>.md (le corps contient les questions)."""

    id: Identifiant = Field(
        description="Identifiant permanent : l'adresse /boite-a-outils/outils/<id>/ et les noms des fichiers "
        "téléchargeables n'en dépendent que de lui, jamais du nom de fichier ni du chapitre."
    )
    titre: Texte = Field(description="Titre de la fiche outil.")
    chapitre: Identifiant = Field(
        description="Identifiant du chapitre dont la fiche est tirée (ex. experiences) : chaque partie du "
        "corps cite ses sections par « D'après : #ancre »."
    )
    resume: TexteLong = Field(description="À quoi sert la fiche, en deux ou trois phrases.")
    public: Texte | None = Field(None, description="Pour qui et dans quelle situation (atelier, entretien…).")
    version: Annotated[str, Field(pattern=r"^[0-9]+\.[0-9]+(\.[0-9]+)?$")] = Field(
        description='Version (ex. "1.0").'
    )
    date: DateP = Field(description="Date de la version.")
    licence: Texte = Field("CC-BY-SA-4.0", description="Licence du contenu.")
    sources: list[SourceId] = Field(
        default_factory=list,
        description="Documents sur lesquels s'appuie le chapitre cité (identifiants de data/sources.yml).",
    )
    historique: list[EntreeHistorique] = Field(
        default_factory=list, description="Versions successives, de la plus ancienne à la plus récente."
    )
    anciennes_adresses: list[Identifiant] = Field(
        default_factory=list,
        description="Anciens identifiants de la fiche, redirigés vers l'adresse actuelle.",
    )

    def problems(self) -> list[Problem]:
        """Texts of a fiche outil are plain text: no HTML, no link (its body is checked by records/outils)."""
        from ptce.records.outils import markup_problem  # that module reads this one for its types

        texts: list[tuple[Loc, str | None]] = [(("titre",), self.titre), (("resume",), self.resume)]
        texts.append((("public",), self.public))
        texts += [(("historique", i, "changements"), h.changements) for i, h in enumerate(self.historique)]
        return [(loc, p) for loc, value in texts if value and (p := markup_problem(value))]


class Ressource(Record):
    """Document de la bibliothèque : data/ressources/<identifiant>.md (le corps est le résumé)."""

    titre: Texte = Field(description="Titre du document, tel qu'il est publié.")
    type: Annotated[Identifiant, in_vocabulary("types_ressource", "un type de document connu")] = Field(
        description="Nature du document (section types_ressource de data/vocabulaires.yml)."
    )
    date: DateP = Field(
        description='Date de publication : "AAAA", "AAAA-MM" ou "AAAA-MM-JJ" selon ce qui est connu.'
    )
    auteurs: list[Texte] = Field(default_factory=list, description="Auteurs, réseaux ou institutions.")
    thematiques: list[Annotated[Identifiant, in_vocabulary("thematiques", "une thématique connue")]] = Field(
        default_factory=list, description="Thématiques (section thematiques de data/vocabulaires.yml)."
    )
    url: Url | None = Field(
        None, description="Adresse publique du document ; absente si aucune source n'en donne."
    )
    poles: list[Identifiant] = Field(
        default_factory=list, description="Pôles concernés (fiches de data/poles/)."
    )
    evenements: list[Identifiant] = Field(
        default_factory=list, description="Événements liés (fiches de data/events/)."
    )
    chapitres: list[Identifiant] = Field(
        default_factory=list, description="Chapitres de la boîte à outils qui s'en servent (identifiants)."
    )
    sources: list[SourceId] = Field(
        default_factory=list,
        description="Documents qui attestent l'existence et le contenu de celui-ci (data/sources.yml).",
    )


class Actualite(Record):
    """Actualité ou article de presse : data/actualites/<identifiant>.md (le corps est le texte)."""

    titre: Texte = Field(description="Titre de l'actualité.")
    date: DateP = Field(description='Date : "AAAA-MM-JJ" de préférence, sinon "AAAA-MM" ou "AAAA".')
    type: Annotated[Identifiant, in_vocabulary("types_actualite", "un type d'actualité connu")] = Field(
        "actualite", description="actualite ou presse."
    )
    media: Texte | None = Field(
        None, description="Pour un article de presse : le titre du média (ex. « Localtis »)."
    )
    url: Url | None = Field(None, description="Adresse de l'article ; absente si aucune source n'en donne.")
    ressources: list[Identifiant] = Field(
        default_factory=list, description="Documents liés (data/ressources/)."
    )
    poles: list[Identifiant] = Field(default_factory=list, description="Pôles concernés.")
    evenements: list[Identifiant] = Field(default_factory=list, description="Événements liés.")
    sources: list[SourceId] = Field(
        default_factory=list, description="Documents d'où viennent les informations."
    )
