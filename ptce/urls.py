"""Where each generated page lives (docs-relative source paths).

URLs are part of the public contract (training networks link them): change
nothing here without adding redirects.
"""

from slugify import slugify


def pole(slug: str) -> str:
    return f"poles/{slug}.md"


def event(slug: str) -> str:
    return f"agenda/{slug}.md"


def region(name: str) -> str:
    return f"regions/{slugify(name)}.md"


def theme(key: str) -> str:
    return f"thematiques/{key}.md"


def map_of_region(name: str) -> str:
    return f"cartes/regions/{slugify(name)}.html"


def map_of_pole(slug: str) -> str:
    return f"cartes/poles/{slug}.html"


def map_of_event(slug: str) -> str:
    return f"cartes/evenements/{slug}.html"


def events_of_region(name: str) -> str:
    return f"agenda/regions/{slugify(name)}.md"


def events_of_type(key: str) -> str:
    return f"agenda/types/{key}.md"


FRANCE_MAP = "cartes/france.html"


def chapter(chapter_id: str) -> str:
    return f"boite-a-outils/{chapter_id}.md"


def resource(slug: str) -> str:
    return f"ressources/{slug}.md"


def resources_of_type(key: str) -> str:
    return f"ressources/types/{key}.md"


def resources_of_year(year: int) -> str:
    return f"ressources/annees/{year}.md"


def resources_of_theme(key: str) -> str:
    return f"ressources/thematiques/{key}.md"


NEWS = "actualites/index.md"


def status(key: str) -> str:
    return f"statuts/{key}.md"
