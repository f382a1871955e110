"""The documentation library and the news: pages, filters, backlinks, feed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ptce.records.corpus import Corpus, Entry
from ptce.render import feeds
from ptce.render.blocks import LIBRARY, body_html, front_matter, source_list
from ptce.text import urls
from ptce.text.html import link, md, rel


def resource_line(e: Entry, corpus: Corpus, from_uri: str) -> str:
    f = e.fiche
    who = f" — {md(', '.join(f.auteurs))}" if f.auteurs else ""
    return (
        f"- **{md(f.date.french())}** : [{md(f.titre)}]({rel(urls.resource(e.slug), from_uri)}) "
        f"*({md(corpus.label('types_ressource', f.type))})*{who}"
    )


def resource_list(entries: list[Entry], corpus: Corpus, from_uri: str) -> str:
    return (
        "\n".join(resource_line(e, corpus, from_uri) for e in entries) + "\n"
        if entries
        else "Aucun document.\n"
    )


def citing(corpus: Corpus, field: str, key: str) -> tuple[list[Entry], list[Entry]]:
    """Resources and news that point at a pole, event or chapter: the backlinks."""
    return (
        [e for e in corpus.resources if key in getattr(e.fiche, field, [])],
        [e for e in corpus.news if key in getattr(e.fiche, field, [])],
    )


def backlinks(corpus: Corpus, field: str, key: str, from_uri: str) -> str:
    resources, news = citing(corpus, field, key)
    if not resources and not news:
        return ""
    out = ["## Documents et actualités {: #documents-lies }\n"]
    out += [resource_line(e, corpus, from_uri) for e in resources]
    out += [
        f"- **{md(n.fiche.date.french())}** : "
        f"[{md(n.fiche.titre)}]({rel(urls.NEWS, from_uri)}#{n.slug}) *(actualité)*"
        for n in news
    ]
    return "\n".join(out) + "\n"


def resource_page(e: Entry, corpus: Corpus) -> str:
    f = e.fiche
    uri = urls.resource(e.slug)
    out = [
        front_matter(
            f.titre,
            f"{corpus.label('types_ressource', f.type)} ({f.date.french()}) : "
            "fiche de la bibliothèque des PTCE.",
            (LIBRARY,),
            ptce_genere=True,
        )
    ]
    rows = [
        f"Type\n:   [{md(corpus.label('types_ressource', f.type))}]"
        f"({rel(urls.resources_of_type(f.type), uri)})\n",
        f"Date\n:   [{md(f.date.french())}]({rel(urls.resources_of_year(f.date.year), uri)})\n",
        f"Auteurs\n:   {md(', '.join(f.auteurs)) if f.auteurs else '*non renseigné*'}\n",
        f"Document\n:   {link(f.url, f.url) if f.url else '*aucun lien public connu*'}\n",
    ]
    if f.thematiques:
        rows.append(
            "Thématiques\n:   "
            + ", ".join(
                f"[{md(corpus.label('thematiques', t))}]({rel(urls.resources_of_theme(t), uri)})"
                for t in f.thematiques
            )
            + "\n"
        )
    out += rows
    out.append("## Résumé\n")
    out.append(
        f'<div class="ptce-corps">\n{body_html(e, uri)}\n</div>\n'
        if e.body.strip()
        else "Pas encore de résumé.\n"
    )
    related = []
    related += [
        f"- Pôle : [{md(corpus.pole(s).fiche.nom)}]({rel(urls.pole(s), uri)})"
        for s in f.poles
        if corpus.pole(s)
    ]
    related += [
        f"- Événement : [{md(corpus.event(s).fiche.titre)}]({rel(urls.event(s), uri)})"
        for s in f.evenements
        if corpus.event(s)
    ]
    chapters = {c.fiche.id: c for c in corpus.chapters}
    related += [
        f"- Chapitre : [{md(chapters[c].fiche.titre)}]({rel(urls.chapter(c), uri)})"
        for c in f.chapitres
        if c in chapters
    ]
    if related:
        out.append("## Liens\n")
        out.append("\n".join(related) + "\n")
    _, news = citing(corpus, "ressources", e.slug)
    if news:
        out.append("## Actualités\n")
        out += [
            f"- **{md(n.fiche.date.french())}** : [{md(n.fiche.titre)}]({rel(urls.NEWS, uri)}#{n.slug})"
            for n in news
        ]
        out.append("")
    out.append("## Sources\n")
    out.append(source_list(corpus, f.sources))
    out.append(f"[Toute la bibliothèque]({rel('ressources/index.md', uri)})\n")
    return "\n".join(out)


def facets(corpus: Corpus) -> dict[str, tuple[str, list[Entry]]]:
    """Filter pages: source path -> (title, resources)."""
    out: dict[str, tuple[str, list[Entry]]] = {}
    by_type, by_year, by_theme = defaultdict(list), defaultdict(list), defaultdict(list)
    for e in corpus.resources:
        by_type[e.fiche.type].append(e)
        by_year[e.fiche.date.year].append(e)
        for t in e.fiche.thematiques:
            by_theme[t].append(e)
    for k, v in by_type.items():
        out[urls.resources_of_type(k)] = (f"Bibliothèque : {corpus.label('types_ressource', k)}", v)
    for k, v in by_year.items():
        out[urls.resources_of_year(k)] = (f"Bibliothèque : {k}", v)
    for k, v in by_theme.items():
        out[urls.resources_of_theme(k)] = (f"Bibliothèque : {corpus.label('thematiques', k)}", v)
    return out


def facet_page(title: str, entries: list[Entry], corpus: Corpus, uri: str) -> str:
    return (
        front_matter(title, f"{title} ({len(entries)} documents).", (LIBRARY,), ptce_genere=True)
        + f"[Toute la bibliothèque]({rel('ressources/index.md', uri)})\n\n"
        + resource_list(entries, corpus, uri)
    )


def library_index(corpus: Corpus) -> str:
    uri = "ressources/index.md"
    out = [
        front_matter(
            "Bibliothèque",
            "Les documents de référence sur les PTCE : appels, études, plaidoyers, "
            "textes officiels, comptes rendus.",
        )
    ]
    out.append("# Bibliothèque\n")
    out.append(
        "Les documents qui jalonnent l'histoire des PTCE, résumés avec nos mots. Quand aucune source "
        "ne donne d'adresse publique, la fiche le dit plutôt que d'en inventer une.\n"
    )
    f = facets(corpus)
    for prefix, label in (
        ("ressources/types/", "Par type"),
        ("ressources/annees/", "Par année"),
        ("ressources/thematiques/", "Par thématique"),
    ):
        links = [
            f"[{md(t.split(' : ', 1)[1])}]({rel(p, uri)}) ({len(v)})"
            for p, (t, v) in sorted(f.items())
            if p.startswith(prefix)
        ]
        if links:
            out.append(f"**{label} :** " + " · ".join(links) + "\n")
    out.append("## Tous les documents\n")
    out.append(resource_list(corpus.resources, corpus, uri))
    return "\n".join(out)


NO_PRESS = (
    "Aucun article de presse n'est encore recensé. Le plan d'action de janvier 2013 mentionne des articles "
    "parus dans la presse spécialisée (Localtis, *La Gazette des communes*, le *Fil CIDES*), sans en "
    "donner le titre ni la date. Pour en ajouter un, créez une fiche `data/actualites/` de type `presse` "
    "(voir [Contribuer](../contribuer/index.md)).\n"
)


def news_page(corpus: Corpus) -> str:
    uri = urls.NEWS
    out = [
        front_matter(
            "Actualités", "Les étapes du mouvement des PTCE et les articles de presse qui en ont parlé."
        )
    ]
    out.append("# Actualités\n")
    out.append('<a class="md-button" href="atom.xml">Flux Atom</a>\n')
    for kind, title in (("actualite", "Actualités"), ("presse", "Revue de presse")):
        items = [n for n in corpus.news if n.fiche.type == kind]
        if not items and kind == "actualite":
            continue
        out.append(f"## {title}\n")
        if not items:
            out.append(NO_PRESS)
        for n in items:
            f = n.fiche
            media = f" — *{md(f.media)}*" if f.media else ""
            out.append(f"### {md(f.date.french())} : {md(f.titre)} {{: #{n.slug} }}\n")
            if media:
                out.append(f"Source{media}\n")
            if n.body.strip():
                out.append(f'<div class="ptce-corps">\n{body_html(n, uri)}\n</div>\n')
            refs = [
                f"[{md(r.fiche.titre)}]({rel(urls.resource(r.slug), uri)})"
                for r in corpus.resources
                if r.slug in f.ressources
            ]
            refs += [
                f"[{md(corpus.event(s).fiche.titre)}]({rel(urls.event(s), uri)})"
                for s in f.evenements
                if corpus.event(s)
            ]
            refs += [
                f"[{md(corpus.pole(s).fiche.nom)}]({rel(urls.pole(s), uri)})"
                for s in f.poles
                if corpus.pole(s)
            ]
            if refs:
                out.append("Voir : " + " · ".join(refs) + "\n")
            if f.url:
                out.append("Lien : " + link(f.url, f.url) + "\n")
    if not corpus.news:
        out.append("Aucune actualité.\n")
    return "\n".join(out)


def news_feed(corpus: Corpus, site_url: str, today: dt.date) -> bytes:
    base = site_url.rstrip("/")
    items = [
        feeds.Item(
            f"{base}/actualites/#{n.slug}",
            n.fiche.titre,
            min(n.fiche.date.first_day(), today),
            (f"{n.fiche.media} — " if n.fiche.media else "") + feeds.summary(n.body),
        )
        for n in corpus.news
    ]
    return feeds.atom(
        f"{base}/actualites/atom.xml", f"{base}/actualites/", "Actualités des PTCE", items, today
    )
