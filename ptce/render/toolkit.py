"""The boîte à outils: chapter pages, their downloads, citations and old addresses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ptce.records import outils as fiches_outils
from ptce.records.corpus import Corpus, Entry
from ptce.render import library
from ptce.render.blocks import TOOLKIT, front_matter
from ptce.render.downloads import Document, to_pandoc
from ptce.text import urls
from ptce.text.html import esc, from_page, md, rel, render_chapter

LABELS = {"pdf": "PDF", "epub": "EPUB", "docx": "DOCX (Word, LibreOffice)", "odt": "ODT (LibreOffice)"}
LICENCES = {"CC-BY-SA-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr")}
WHOLE = "ptce-boite-a-outils"


@dataclass(frozen=True)
class Download:
    fmt: str
    uri: str  # site path
    size: int


def page_url(site_url: str, chapter_id: str) -> str:
    return site_url.rstrip("/") + "/" + urls.chapter(chapter_id).removesuffix(".md") + "/"


def file_name(e: Entry, fmt: str) -> str:
    """Dated and versioned: a handed-out copy says which version it is."""
    f = e.fiche
    return urls.download(f"ptce-{f.id}-v{f.version}-{f.date.iso()}.{fmt}")


def whole_version(corpus: Corpus) -> str:
    return max(e.fiche.date.iso() for e in corpus.chapters)


def whole_file_name(corpus: Corpus) -> str:
    return urls.download(f"{WHOLE}-{whole_version(corpus)}.pdf")


def download_meta(doc: Document) -> dict:
    """What a chapter's download says of itself (cover, metadata), from its document."""
    return dict(
        title=doc.title,
        subtitle=doc.subtitle,
        version=doc.version,
        date=doc.date,
        licence=doc.licence,
        url=doc.url,
    )


def whole_meta(corpus: Corpus, site_url: str) -> dict:
    version = whole_version(corpus)
    return dict(
        title="Boîte à outils des PTCE",
        subtitle="Tous les chapitres",
        version=version,
        date=version,
        licence="CC BY-SA 4.0",
        url=site_url.rstrip("/") + "/boite-a-outils/",
    )


def document(e: Entry, site_url: str) -> Document:
    f = e.fiche
    return Document(
        slug=f.id,
        title=f.titre,
        subtitle=f"Chapitre {f.numero} de la boîte à outils des PTCE",
        version=f.version,
        date=f.date.iso(),
        licence=LICENCES.get(f.licence, (f.licence,))[0],
        url=page_url(site_url, f.id),
        html=to_pandoc(render_chapter(e.body), site_url.rstrip("/") + "/boite-a-outils/"),
    )


def human_size(n: int) -> str:
    return f"{n / 1_000_000:.1f} Mo".replace(".", ",") if n >= 1_000_000 else f"{max(1, round(n / 1000))} ko"


def buttons(downloads: list[Download], page_uri: str) -> str:
    return " ".join(
        f'<a class="md-button" href="{esc(from_page(d.uri, page_uri))}" download>'
        f"{esc(LABELS[d.fmt])} — {esc(human_size(d.size))}</a>"
        for d in downloads
    )


def citation(e: Entry, site_url: str, today: dt.date) -> tuple[str, str]:
    f = e.fiche
    url = page_url(site_url, f.id)
    text = (
        f"ptce.fr, « {f.titre} », Boîte à outils des PTCE, chapitre {f.numero}, version {f.version}, "
        f"{f.date.french()}. {url} (consulté le {today.strftime('%d/%m/%Y')})."
    )
    bib = (
        f"@misc{{ptce-{f.id}-{f.version},\n  author = {{{{ptce.fr}}}},\n  title = {{{f.titre}}},\n"
        f"  howpublished = {{Boîte à outils des PTCE, chapitre {f.numero}}},\n  version = {{{f.version}}},\n"
        f"  date = {{{f.date.iso()}}},\n  url = {{{url}}},\n  note = {{Licence {f.licence}}}\n}}"
    )
    return text, bib


def chapter_page(e: Entry, corpus: Corpus, downloads: list[Download], site_url: str, today: dt.date) -> str:
    f = e.fiche
    uri = urls.chapter(f.id)
    out = [front_matter(f.titre, f.resume, (TOOLKIT,), ptce_genere=True)]
    licence_name, licence_url = LICENCES.get(f.licence, (f.licence, None))
    licence = f'<a href="{esc(licence_url)}">{esc(licence_name)}</a>' if licence_url else md(licence_name)
    out.append(
        f"*Chapitre {f.numero} · version {md(f.version)} du {md(f.date.french())} · "
        f"{'pilote' if len(f.pilotes) == 1 else 'pilotes'} de l'action dans le plan de 2013 : "
        f"{md(', '.join(f.pilotes) or 'non précisés')} · licence {licence}*\n"
    )
    out.append(f"**En bref.** {md(f.resume)}\n")
    out.append(buttons(downloads, uri) + "\n")
    out.append(e.body + "\n")
    out.append(outils_section(corpus, f.id, uri))
    out.append(library.backlinks(corpus, "chapitres", f.id, uri))
    text, bib = citation(e, site_url, today)
    out.append("## Citer ce chapitre {: #citer }\n")
    out.append(md(text) + "\n")
    out.append("```bibtex\n" + bib + "\n```\n")
    out.append("## Historique des versions {: #historique-des-versions }\n")
    out.append("| Version | Date | Changements |\n|---|---|---|")
    out += [f"| {md(h.version)} | {md(h.date.french())} | {md(h.changements)} |" for h in f.historique]
    out.append(f"\n[Tous les chapitres]({rel('boite-a-outils/index.md', uri)})\n")
    return "\n".join(out)


INTRO = (
    """---
title: Boîte à outils
description: Les chapitres de la boîte à outils des PTCE, à lire en ligne ou """
    """à télécharger en PDF, EPUB et DOCX datés et versionnés.
---

# Boîte à outils

La boîte à outils rassemble ce que le plan d'action de janvier 2013 prévoyait de mettre à
disposition : définitions et référentiel, expériences, méthodes d'accompagnement, chapitres
thématiques, rôle des collectivités et propositions pour les politiques publiques. Chaque
chapitre a une adresse permanente et se télécharge en PDF, EPUB et DOCX ; chaque fichier porte
sa version et sa date. Chaque chapitre se termine par des [fiches outils](outils/index.md) : grilles et
listes de contrôle à remplir, proposées par la rédaction du site. Contenus sous licence CC BY-SA 4.0.

## Des outils à utiliser

- [Situer son pôle sur le référentiel](autopositionnement/index.md) : un questionnaire à remplir
  dans le navigateur, dont le profil s'imprime, s'exporte et se publie sur la fiche du pôle.
- [Comparer les profils publiés](profils/index.md) : les profils des pôles côte à côte, et leurs
  moyennes par forme de coopération et par région.
- [Les fiches outils](outils/index.md) : grilles, questions et listes à cocher tirées des chapitres,
  à remplir à l'écran ou en DOCX, ODT et PDF.

"""
)


def index_page(corpus: Corpus, downloads: dict[str, list[Download]], whole: Download | None) -> str:
    return INTRO + index(corpus, downloads, whole, urls.TOOLKIT)


def index(corpus: Corpus, downloads: dict[str, list[Download]], whole: Download | None, from_uri: str) -> str:
    out = []
    if whole:
        out.append(
            f'<a class="md-button md-button--primary" href="{esc(from_page(whole.uri, from_uri))}" download>'
            f"Toute la boîte à outils en PDF — {esc(human_size(whole.size))}</a>\n"
        )
    for e in corpus.chapters:
        f = e.fiche
        out.append(
            f"## {f.numero}. [{md(f.titre)}]({rel(urls.chapter(f.id), from_uri)}) {{: #chapitre-{f.id} }}\n"
        )
        out.append(
            f"*Version {md(f.version)} du {md(f.date.french())} · "
            f"{'pilote' if len(f.pilotes) == 1 else 'pilotes'} de l'action dans le plan de 2013 : "
            f"{md(', '.join(f.pilotes) or 'non précisés')}*\n"
        )
        out.append(md(f.resume) + "\n")
        out.append(buttons(downloads.get(f.id, []), from_uri) + "\n")
        tools = [c.entry.fiche for c in fiches_outils.check(corpus)[0] if c.chapter.fiche.id == f.id]
        if tools:
            out.append(
                "Fiches outils : "
                + " · ".join(f"[{md(t.titre)}]({rel(urls.outil(t.id), from_uri)})" for t in tools)
                + "\n"
            )
    return "\n".join(out)


def outils_section(corpus: Corpus, chapter_id: str, uri: str) -> str:
    """The end of a chapter: its fiches outils (ptce/render/outils.py), the site's proposals."""
    checked = [c for c in fiches_outils.check(corpus)[0] if c.chapter.fiche.id == chapter_id]
    if not checked:
        return ""
    lines = [
        "## Fiches outils {: #fiches-outils }\n",
        f"{'Une fiche' if len(checked) == 1 else 'Des fiches'} à remplir en ligne, à imprimer ou à "
        "télécharger (PDF, DOCX, ODT), tirées de ce chapitre. Ce sont des propositions de la rédaction de "
        "ptce.fr, pas des outils du plan de 2013.\n",
    ]
    for c in checked:
        t = c.entry.fiche
        lines.append(f"- [{md(t.titre)}]({rel(urls.outil(t.id), uri)}) : {md(t.resume)}")
    return "\n".join(lines) + "\n"


def redirect_html(target: str, what: str = "Ce chapitre") -> str:
    """A static redirect left at a chapter's (or a fiche outil's) former address."""
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page déplacée</title>'
        f'<link rel="canonical" href="{esc(target)}">'
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">'
        f'<meta name="robots" content="noindex"></head><body><p>{esc(what)} a changé d\'adresse : '
        f'<a href="{esc(target)}">{esc(target)}</a>.</p></body></html>\n'
    )
