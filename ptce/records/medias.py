"""Images and links of contributed Markdown bodies, checked when the corpus is loaded.

A body may show an image only when it is a file of the repository: ``![texte](medias/nom.jpg)``
for ``data/medias/nom.jpg``, a regular file (not a symbolic link), inside the repository, in one
of the formats of ``EXTENSIONS`` (no SVG: it can carry scripts), whose first bytes say it really
is such an image. Anything else (an address on another site, ``data:``, an absolute path, ``..``,
a missing file) is an error on the ``corps`` field, with its line. The renderer
(``html.sanitize_body``) applies the same name rule, so an image that was not checked here
is never shown from anywhere else; ``macros/hooks.py`` copies the checked files to ``medias/``.

Chapters show no image at all (``chapter_check.py``): their downloads would have to embed it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ptce.records.errors import DataError, show
from ptce.text.html import media_name

FOLDER = "data/medias"
MAX_BYTES = 5_000_000
_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
_HOW = (
    "seules les images du dépôt sont acceptées, écrites ![description](medias/nom.jpg) "
    "pour le fichier data/medias/nom.jpg"
)


def file_problem(name: str, root: Path) -> str | None:
    """Why data/medias/<name> cannot be published, or None."""
    folder = Path(root) / FOLDER
    path = folder / name
    if path.is_symlink():
        return f"data/medias/{name} est un lien symbolique : déposez le fichier lui-même"
    if not path.is_file():
        return (
            f"image introuvable : ajoutez le fichier data/medias/{name} dans la même pull request "
            "(nom exact, majuscules comprises)"
        )
    if not path.resolve().is_relative_to(Path(root).resolve()):
        return f"data/medias/{name} est hors du dépôt : déposez le fichier lui-même"
    size = path.stat().st_size
    if size > MAX_BYTES:
        megabytes, most = size // 1_000_000, MAX_BYTES // 1_000_000
        return f"image data/medias/{name} trop lourde ({megabytes} Mo, maximum {most} Mo)"
    with path.open("rb") as fh:
        head = fh.read(16)
    ext = path.suffix.lower()
    if not head.startswith(_MAGIC[ext]) or (ext == ".webp" and head[8:12] != b"WEBP"):
        return f"data/medias/{name} n'est pas une image {ext[1:].upper()} (contenu d'un autre type)"
    return None


class _Elements(HTMLParser):
    """Every start tag of a rendered body with its attributes (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        tag = "img" if tag == "image" else tag  # what browsers (and nh3) make of <image>
        self.found.append((tag, [(k, v or "") for k, v in attrs]))

    handle_startendtag = handle_starttag


def elements(rendered_html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    parser = _Elements()
    parser.feed(rendered_html)
    parser.close()
    return parser.found


def _line_of(needle: str, body: str, first_line: int, fallback: str = "![") -> int:
    """Line of the body (in the file) where needle, else fallback, first appears."""
    lines = body.split("\n")
    for probe in (needle, fallback):
        if probe:
            for i, line in enumerate(lines):
                if probe in line:
                    return first_line + i
    return first_line


def scheme(url: str) -> str | None:
    """The scheme a browser would see: blanks and controls removed, lower case."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()
    m = re.match(r"([a-z][a-z0-9+.-]*):", cleaned)
    return m.group(1) if m else None


def body_images(
    rendered_html: str, body: str, first_line: int, path: str, root: Path
) -> tuple[list[DataError], set[str]]:
    """Errors for images that are not checked files of data/medias/, and the names that are."""
    errors, used = [], set()
    for tag, attrs in elements(rendered_html):
        if tag != "img":
            continue
        src = dict(attrs).get("src", "")
        line = _line_of(src, body, first_line)
        name = media_name(src)
        if name is None:
            errors.append(DataError(path, line, "corps", f"image refusée {show(src)} : {_HOW}"))
            continue
        problem = file_problem(name, root)
        if problem:
            errors.append(DataError(path, line, "corps", problem))
        else:
            used.add(name)
    return errors, used
