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


AGENDA_FEED = "agenda/atom.xml"
NEWS_FEED = "actualites/atom.xml"
DOWNLOADS = "boite-a-outils/telechargements"
INDEXES = ("index.md", "poles/index.md", "agenda/index.md", "boite-a-outils/index.md", "ressources/index.md", NEWS)


def site_plan(probe: str = "_") -> list[str]:
    """Every address the site writes besides the records' own pages (probe stands for a family)."""
    return [*INDEXES, AGENDA_FEED, NEWS_FEED, "agenda.ics", f"{DOWNLOADS}/{probe}", events_of_region(probe),
            events_of_type(probe), resources_of_type(probe), resources_of_year(probe), resources_of_theme(probe),
            region(probe), theme(probe), status(probe), FRANCE_MAP, map_of_region(probe), map_of_pole(probe),
            map_of_event(probe)]


def taken_names(folder: str, docs_files: tuple[str, ...] = ()) -> set[str]:
    """Names the site itself uses in folder (generated pages, feeds, facet folders, docs/ pages):
    a record named so would hide that page or disappear behind it."""
    names = set()
    for address in (*site_plan(), *docs_files):
        if address.startswith(folder + "/"):
            rest = address[len(folder) + 1:].split("/")[0]
            names.add(rest.split(".")[0])
    names.discard("_")
    return names
