"""Where each generated page lives (docs-relative source paths).

URLs are part of the public contract (training networks link them): change
nothing here without adding redirects.
"""

import functools
import re
from urllib.parse import quote, urlencode, urlsplit

from slugify import slugify

SITE = "https://ptce.fr/"  # the public address, when mkdocs.yml's site_url gives none


# The one rule for a name that becomes an address (a file name, a chapter id, a vocabulary key):
# lower-case ASCII letters and digits in words joined by single hyphens, 80 characters at most.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@functools.lru_cache(maxsize=4096)  # every map and page asks for the same region names
def slug(name: str) -> str:
    """The address part made from a name (a region, a part of a fiche outil)."""
    return slugify(name)


MAX_NAME = 80


def address(page: str) -> str:
    """The site-relative URL of a docs page (directory URLs): regions/bretagne.md → regions/bretagne/."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def is_name(text: str) -> bool:
    return bool(SLUG.fullmatch(text)) and len(text) <= MAX_NAME


def free_name(name: str, taken: set[str]) -> str:
    """name, or name-2, name-3… when it is taken (a new fiche never overwrites another)."""
    if name not in taken:
        return name
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = name[: MAX_NAME - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1


def pole(slug: str) -> str:
    return f"poles/{slug}.md"


def event(slug: str) -> str:
    return f"agenda/{slug}.md"


def region(name: str) -> str:
    return f"regions/{slug(name)}.md"


def theme(key: str) -> str:
    return f"thematiques/{key}.md"


def map_of_region(name: str) -> str:
    return f"cartes/regions/{slug(name)}.html"


def outline_of_region(name: str) -> str:
    """The outline a region's map, or the map embedded with ?region=, fetches."""
    return f"cartes/regions/{slug(name)}.geojson"


def map_of_pole(slug: str) -> str:
    return f"cartes/poles/{slug}.html"


def map_of_event(slug: str) -> str:
    return f"cartes/evenements/{slug}.html"


def events_of_region(name: str) -> str:
    return f"agenda/regions/{slug(name)}.md"


def events_of_type(key: str) -> str:
    return f"agenda/types/{key}.md"


FRANCE_MAP = "cartes/france.html"
EMBED_PAGE = "carte/integrer.md"  # how to show the map on another site


def map_data(name: str) -> str:
    """A data file the map pages fetch (regions, anciennes-regions, poles)."""
    return f"cartes/{name}.geojson"


MAP_POLES = map_data("poles")


def chapter(chapter_id: str) -> str:
    return f"boite-a-outils/{chapter_id}.md"


def resource(slug: str) -> str:
    return f"ressources/{slug}.md"


def resources_of_type(key: str) -> str:
    return f"ressources/types/{key}.md"


def resources_of_year(year: int | str) -> str:
    return f"ressources/annees/{year}.md"


def resources_of_theme(key: str) -> str:
    return f"ressources/thematiques/{key}.md"


NEWS = "actualites/index.md"


def status(key: str) -> str:
    return f"statuts/{key}.md"


AGENDA_FEED = "agenda/atom.xml"
AGENDA_CALENDAR = "agenda.ics"
NEWS_FEED = "actualites/atom.xml"
TOOLKIT = "boite-a-outils/index.md"
DOWNLOADS = "boite-a-outils/telechargements"
RESOURCES = "ressources/index.md"
INDEXES = ("index.md", "poles/index.md", "agenda/index.md", TOOLKIT, RESOURCES, NEWS)


def calendar_of(page: str) -> str:
    """The .ics beside a page (an event, a regional agenda)."""
    return page.removesuffix(".md") + ".ics"


def event_calendar(slug: str) -> str:
    return calendar_of(event(slug))


def download(name: str) -> str:
    return f"{DOWNLOADS}/{name}"


def former_chapter(old: str) -> str:
    """A chapter's former address: a static redirect page."""
    return f"boite-a-outils/{old}/index.html"


# Fiches outils: their address depends on their id only, not on their chapter (a fiche moved to another
# chapter keeps its address).
OUTILS_DIR = "boite-a-outils/outils"
OUTILS = f"{OUTILS_DIR}/index.md"


def outil(outil_id: str) -> str:
    return f"{OUTILS_DIR}/{outil_id}.md"


def former_outil(old: str) -> str:
    """A fiche outil's former address: a static redirect page."""
    return f"{OUTILS_DIR}/{old}/index.html"


def schema(kind: str) -> str:
    return f"schemas/{kind}.json"


def schema_url(kind: str) -> str:
    """The JSON Schema's public address: its $id, and the modeline of every data file."""
    return SITE + schema(kind)


DIRECTORY_DATA = "poles/annuaire.json"  # what the directory's filters read


def places(shard: str) -> str:
    """Communes for the « près de chez moi » search: one small file per postal-code or name prefix."""
    return f"poles/lieux/{shard}.json"


def data_file(name: str) -> str:
    return f"donnees/{name}"


def site_plan(probe: str = "_") -> list[str]:
    """Every address the site writes besides the records' own pages (probe stands for a family)."""
    return [
        *INDEXES,
        DIRECTORY_DATA,
        places(probe),
        AGENDA_FEED,
        NEWS_FEED,
        AGENDA_CALENDAR,
        download(probe),
        OUTILS,
        outil(probe),
        events_of_region(probe),
        events_of_type(probe),
        resources_of_type(probe),
        resources_of_year(probe),
        resources_of_theme(probe),
        region(probe),
        theme(probe),
        status(probe),
        FRANCE_MAP,
        map_of_region(probe),
        map_of_pole(probe),
        map_of_event(probe),
    ]


def taken_names(folder: str, docs_files: tuple[str, ...] = ()) -> set[str]:
    """Names the site itself uses in folder (generated pages, feeds, facet folders, docs/ pages):
    a record named so would hide that page or disappear behind it."""
    return set(_taken_names(folder, tuple(docs_files)))


@functools.lru_cache(maxsize=64)  # asked once per file read
def _taken_names(folder: str, docs_files: tuple[str, ...]) -> frozenset[str]:
    names = set()
    for address in (*site_plan(), *docs_files):
        if address.startswith(folder + "/"):
            rest = address[len(folder) + 1 :].split("/")[0]
            names.add(rest.split(".")[0])
    names.discard("_")
    return frozenset(names)


# The issue form « Corriger une fiche » (.github/ISSUE_TEMPLATE/, generated by ptce/authoring/formspec.py):
# its file, and the id of the question that names the fiche. GitHub fills a form's question from the
# query parameter of its id, so a fiche's page links to the form already naming it.
REPOSITORY = "https://github.com/ptce-fr/ptce.fr"
CORRECTION_FORM = "corriger-une-fiche.yml"
CORRECTION_FIELD = "fiche"


def correction_form(page_url: str) -> str:
    """« Proposer une correction »: the correction form prefilled with a fiche's page address (what the
    form bot reads to find the fiche) and an issue title naming that page (poles/<name>).
    overrides/partials/actions.html writes the same address in Jinja (tests/test_formulaires_site.py
    compares them)."""
    page = urlsplit(page_url).path.strip("/")  # the page of SITE: "poles/<name>"
    query = {"template": CORRECTION_FORM, "title": f"Correction : {page}", CORRECTION_FIELD: page_url}
    return f"{REPOSITORY}/issues/new?" + urlencode(query, quote_via=quote)
