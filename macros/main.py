"""mkdocs-macros module: the macros that trusted pages of docs/ may call.

Each macro is a one-line call into the `ptce` package.
"""

from __future__ import annotations

from pathlib import Path

from ptce.records.corpus import load_cached
from ptce.records.dates import build_date
from ptce.records.referentiel import default as referentiel
from ptce.render import directory, indexes, profiles, schema
from ptce.render import referentiel as referentiel_pages
from ptce.text import urls
from ptce.text.html import from_page

ROOT = Path(__file__).resolve().parent.parent


def define_env(env):
    def corpus():
        return load_cached(ROOT)

    def here() -> str:
        return env.page.file.src_uri

    @env.macro
    def chiffres_accueil() -> str:
        return indexes.home_figures(corpus(), build_date(), here())

    @env.macro
    def index_regions() -> str:
        return indexes.regions_overview(corpus(), here())

    @env.macro
    def index_statuts() -> str:
        return indexes.facet_overview("statuts", corpus(), here(), indexes.status_keys, urls.status)

    @env.macro
    def index_thematiques() -> str:
        return indexes.facet_overview("thematiques", corpus(), here(), indexes.theme_keys, urls.theme)

    @env.macro
    def explorateur_poles() -> str:
        return directory.explorer(here())

    @env.macro
    def index_az() -> str:
        return indexes.az(corpus(), here())

    @env.macro
    def carte_france() -> str:
        return indexes.france_map_page(corpus(), here())

    @env.macro
    def nombre_poles() -> int:
        return len(corpus().poles)

    @env.macro
    def agenda() -> str:
        return indexes.agenda_listing(corpus().events, corpus(), build_date(), here())

    @env.macro
    def filtres_agenda() -> str:
        return indexes.agenda_filters(corpus(), here())

    @env.macro
    def reference_champs(kind: str) -> str:
        return schema.field_reference(kind)

    # The référentiel d'action (data/referentiel.yml): its page, the self-positioning tool, the profiles.
    @env.macro
    def referentiel_objectifs_generaux() -> str:
        return referentiel_pages.general_objectives(referentiel())

    @env.macro
    def referentiel_objectifs() -> str:
        return referentiel_pages.objectives(referentiel())

    @env.macro
    def referentiel_indicateurs() -> str:
        return referentiel_pages.indicators(referentiel())

    @env.macro
    def echelle_autopositionnement() -> str:
        return referentiel_pages.scale_table(referentiel())

    @env.macro
    def questionnaire_autopositionnement() -> str:
        page = from_page(urls.address(profiles.REFERENTIEL_PAGE), here()) + "/"
        return referentiel_pages.questionnaire(referentiel(), page, from_page("assets", here()))

    @env.macro
    def profil_exemple() -> str:
        return referentiel_pages.example_profile(referentiel(), build_date().isoformat())

    @env.macro
    def comparaison_profils() -> str:
        return profiles.comparison(corpus(), here())
