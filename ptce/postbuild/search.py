"""Full-text search: a Pagefind index of the built site.

Chosen over Material's lunr search on measurements (docs/a-propos/recherche.md):
Pagefind folds accents and stems French, and splits its index into chunks so a
visitor downloads a few hundred kilobytes, not the whole site's text. Only the
parts of pages marked `data-pagefind-body` (overrides/main.html) are indexed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind_bin import get_executable

from ptce.records.kinds import KINDS_LIST

# The type shown next to each result, from the first segment of the page's URL: the kinds of record,
# then the other sections of the site.
PAGE_TYPES = {
    **{kind.section: kind.label for kind in KINDS_LIST},
    "regions": "Région",
    "statuts": "Statut",
    "thematiques": "Thématique",
    "ptce": "Les PTCE",
    "contribuer": "Contribuer",
    "donnees": "Données",
    "carte": "Carte",
    "a-propos": "À propos",
}


# A record's own page is named after its kind even inside another kind's section (a fiche outil under
# boite-a-outils/ is not a chapter): the longest folder of a kind's addresses wins.
_FOLDERS = sorted(
    (
        (k.address("_").rsplit("/", 1)[0] + "/", k.label)
        for k in KINDS_LIST
        if k.address("_") != k.address("x")
    ),
    key=lambda pair: -len(pair[0]),
)


def page_type(url: str) -> str:
    path = url.strip("/") + "/"
    for folder, label in _FOLDERS:
        if path.startswith(folder) and path != folder:
            return label
    return PAGE_TYPES.get(path.split("/", 1)[0], "Page")


# Not content: permalinks (¶), buttons, embedded maps.
EXCLUDED = ".headerlink, .md-content__button, iframe"


class SearchIndexError(RuntimeError):
    pass


def start_index(site_dir: Path) -> subprocess.Popen:
    """Start writing site_dir/pagefind/ (Pagefind never uses the network); finish_index waits for it."""
    cmd = [str(get_executable()), "--site", str(site_dir), "--force-language", "fr", "--silent"]
    return subprocess.Popen(
        [*cmd, "--exclude-selectors", EXCLUDED],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_index(run: subprocess.Popen, site_dir: Path) -> str:
    """Pagefind's summary once it has finished; a French error when it failed."""
    out, err = run.communicate()
    if run.returncode != 0 or not (Path(site_dir) / "pagefind" / "pagefind-entry.json").exists():
        raise SearchIndexError(
            f"l'index de recherche (Pagefind) n'a pas pu être construit : {err.strip()[-2000:]}"
        )
    return out


def build_index(site_dir: Path) -> str:
    """Write site_dir/pagefind/; returns Pagefind's summary."""
    return finish_index(start_index(site_dir), site_dir)
