"""The site as real files, for generators that run no MkDocs hook (Zensical): write, render, finish.

MkDocs and ProperDocs add the site plan through hooks (macros/hooks.py). Zensical runs no hook and no
`File.generated`: `write_tree` writes docs/, overrides/ and every output of the same `site.plan()` into one
folder; `FinishExtension`, a Python-Markdown extension, does per page what the hooks do (no Jinja in
generated pages, search type, the chapter allow-list and French typography); `finish_site` does what the
post-build hook does (edit links to data/, search index, link check).
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ptce import site
from ptce.postbuild import search
from ptce.records.corpus import Corpus, load_cached
from ptce.text import typography

MARKER = ".arbre-ptce"  # a folder holding it was written here and may be rewritten
MANIFEST = "plan.json"  # what a build cannot see in a file: generated pages, edit links, chapters
COPIED = ("docs", "overrides")


class TreeError(RuntimeError):
    pass


def write_tree(
    root: Path, dest: Path, settings: site.Settings, warn: site.Warn, corpus: Corpus | None = None
) -> list[str]:
    """Write dest/docs (docs/, then the plan, each output as is) and dest/overrides, and the manifest;
    return the generated paths in plan order. dest must be empty, missing, or an earlier tree: never a
    folder of the user's that we would clear."""
    root, dest = Path(root), Path(dest)
    _claim(dest)
    for name in COPIED:
        shutil.rmtree(dest / name, ignore_errors=True)
        shutil.copytree(root / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    docs = dest / "docs"
    written: list[str] = []
    pages: dict[str, dict[str, str | bool]] = {}
    for out in site.plan(corpus or load_cached(root), settings, warn):
        target = docs / out.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if out.source is not None:
            shutil.copyfile(out.source, target)
        elif isinstance(out.content, bytes):
            target.write_bytes(out.content)
        else:
            target.write_bytes((out.content or "").encode("utf-8"))  # no newline translation
        written.append(out.path)
        if out.path.endswith(".md"):
            pages[out.path] = {"edit": out.edit or "", "chapter": out.chapter}
    (dest / MANIFEST).write_text(
        json.dumps({"generated": pages}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    return written


def _claim(dest: Path) -> None:
    if dest.exists() and any(dest.iterdir()) and not (dest / MARKER).exists():
        raise TreeError(f"{dest}\u00a0: dossier non vide que ce programme n’a pas écrit, rien n’est écrit")
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MARKER).write_text("Arbre du site écrit par scripts/ecrire_site.py\u00a0: peut être réécrit.\n")


def _generated(manifest: str) -> dict[str, dict]:
    """The generated pages of the manifest, read once while the file is unchanged (it is read per page)."""
    return _read_manifest(manifest, Path(manifest).stat().st_mtime_ns) if manifest else {}


@functools.cache
def _read_manifest(manifest: str, _mtime: int) -> dict[str, dict]:
    return json.loads(Path(manifest).read_text(encoding="utf-8"))["generated"]


# Relative URLs in raw HTML: MkDocs leaves them alone, so they are relative to the page's address
# (poles/x/); Zensical 0.0.73 rewrites them as if relative to the Markdown file (poles/x.md).
_RAW_URL = re.compile(r"""(?<=\s)(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|[/#?]|")([^"]*)\"""")
_FENCE = re.compile(r"^\s*(```|~~~)")


def from_source(url: str, page: str) -> str:
    """A URL relative to the address of `page` (a/b.md is served at a/b/), made relative to its file."""
    if posixpath.basename(page) in ("index.md", "README.md"):
        return url
    if url == ".." or url.startswith("../"):
        return url[3:] or "./"
    stem = posixpath.splitext(posixpath.basename(page))[0]
    return f"{stem}/{url[2:] if url.startswith('./') else url}"


def _page(md):
    """The page being rendered, from the generator's rendering context (Zensical's), if any."""
    context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    return getattr(context, "page", None)


class _Before(Preprocessor):
    """What on_page_markdown does, before the macros (priority 35) read the page."""

    def __init__(self, md, generated: dict[str, dict]):
        super().__init__(md)
        self.generated = generated

    def run(self, lines: list[str]) -> list[str]:
        page = _page(self.md)
        if page is None:
            return lines
        if page.path in self.generated:
            page.meta["render_macros"] = False  # contributed data is never a template
        if page.meta.get("template") != "recherche.html":
            page.meta.setdefault("type_page", search.page_type(page.url))
        if page.meta.get("title"):
            page.meta["title"] = typography.french_markup(str(page.meta["title"]))
        out, fenced = [], False
        for line in lines:
            if _FENCE.match(line):
                fenced = not fenced
            if not fenced:
                line = _RAW_URL.sub(lambda m: f'{m[1]}="{from_source(m[2], page.path)}"', line)
            out.append(line)
        return out


class _After(Postprocessor):
    """What on_page_content does: the chapter allow-list, then French typography (content and toc)."""

    def __init__(self, md, generated: dict[str, dict]):
        super().__init__(md)
        self.generated = generated

    def run(self, text: str) -> str:
        page = _page(self.md)
        chapter = bool(page is not None and self.generated.get(page.path, {}).get("chapter"))
        for token in _tokens(getattr(self.md, "toc_tokens", [])):
            token["name"] = typography.french(token["name"])
            token["html"] = typography.french_html(token["html"])
        return site.finish_page(text, chapter=chapter)


def _tokens(tokens):
    for token in tokens:
        yield token
        yield from _tokens(token.get("children", []))


class FinishExtension(Extension):
    """Python-Markdown extension for the tree's configuration: `ptce.tree: {manifeste: …/plan.json}`."""

    def __init__(self, **kwargs):
        self.config = {"manifeste": ["", "plan.json written by write_tree"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        generated = _generated(self.getConfig("manifeste"))
        md.preprocessors.register(_Before(md, generated), "ptce_avant", 100)
        md.postprocessors.register(_After(md, generated), "ptce_apres", 1)  # after raw HTML is restored


def makeExtension(**kwargs):  # noqa: N802 (Python-Markdown's name)
    return FinishExtension(**kwargs)


def finish_site(tree: Path, site_dir: Path, root: Path, site_url: str, edit_url: str) -> list[str]:
    """After the build: generated pages edit their file of data/ (edit_url is repo_url joined with
    edit_uri), then the search index and the link check of `site.after_build`, whose problems are
    returned."""
    base = edit_url.rstrip("/") + "/"
    for path, page in _generated(str(Path(tree) / MANIFEST)).items():
        stem = path[: -len(".md")]
        html_file = (
            site_dir / (stem[: -len("index")] if stem.endswith("index") else stem + "/") / "index.html"
        )
        if not html_file.is_file():
            continue
        text = html_file.read_text(encoding="utf-8")
        if page["edit"]:
            fixed = text.replace(f'href="{base}{path}"', f'href="{urljoin(base, "../" + page["edit"])}"')
        else:  # an index made from many files: nothing to edit (MkDocs shows no button either)
            fixed = re.sub(f'<a href="{re.escape(base + path)}"[^>]*>.*?</a>', "", text, count=1, flags=re.S)
        if fixed != text:
            html_file.write_text(fixed, encoding="utf-8")
    return site.after_build(root, site_dir, site_url)
