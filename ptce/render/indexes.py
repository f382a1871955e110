"""Index pages: poles by region, status, theme and A–Z; home-page figures.

Pure functions from the Corpus to Markdown. `from_uri` is the docs-relative
path of the page that shows the result, so links are relative and checked.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import build_date, event_when
from ptce.records.geo import fold
from ptce.render import maps
from ptce.render.agenda import city, shown_status, split, webcal
from ptce.render.blocks import AGENDA, DIRECTORY, crumb, front_matter
from ptce.text import urls
from ptce.text.html import bullets, esc, from_page, inline, md, page_link, rel, table


def pole_table(entries: list[Entry], corpus: Corpus, from_uri: str, region: bool = True) -> str:
    if not entries:
        return "Aucun pôle.\n"
    head = ["Pôle", "Commune", "Département", *(["Région"] if region else []), "Statut"]
    rows = []
    for e in entries:
        p = e.place
        cells = [
            page_link(urls.pole(e.slug), from_uri, e.fiche.nom),
            inline(p.commune.nom) if p.commune else "—",
            inline(f"{p.departement.nom} ({p.departement.code})") if p.departement else "—",
        ]
        if region:
            cells.append(
                page_link(urls.region(p.region), from_uri, p.region)
                if p.region
                else (inline(corpus.label("perimetres", e.fiche.perimetre)) if e.fiche.perimetre else "—")
            )
        cells.append(inline(corpus.label("statuts", e.statut)) if e.statut else "—")
        rows.append(cells)
    return table(head, rows)


def regions_of(corpus: Corpus) -> dict[str, list[Entry]]:
    by: dict[str, list[Entry]] = defaultdict(list)
    for e in corpus.poles:
        if e.place.region:
            by[e.place.region].append(e)
    return dict(sorted(by.items(), key=lambda kv: fold(kv[0])))


def region_page(name: str, entries: list[Entry], corpus: Corpus) -> str:
    uri = urls.region(name)
    out = [
        front_matter(
            f"Pôles en {name}",
            f"Les {len(entries)} pôles et initiatives recensés en {name}.",
            (DIRECTORY, crumb("Par région", "regions/index.md")),
            ptce_genere=True,
        )
    ]
    out.append(
        f"{len(entries)} pôle{'s' if len(entries) > 1 else ''} "
        f"ou initiative{'s' if len(entries) > 1 else ''} "
        f"recensé{'s' if len(entries) > 1 else ''} en {md(name)}. "
        f"[Toutes les régions]({rel('regions/index.md', uri)})\n"
    )
    out.append(
        maps.iframe(from_page(urls.map_of_region(name), uri), f"Carte des pôles en {name}", height=420)
    )
    out.append(
        "La carte ne montre que les fiches dont la commune est connue ; "
        "la liste ci-dessous les donne toutes.\n"
    )
    groups: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        groups[e.place.ancienne_region or name].append(e)
    if len(groups) > 1 or next(iter(groups)) != name:
        out.append(
            "Les sources de 2012-2017 nomment les régions d'avant la réforme de 2016 : "
            "les pôles sont regroupés par ancienne région.\n"
        )
        for old, group in sorted(groups.items(), key=lambda kv: fold(kv[0])):
            out.append(f"## {md(old)} ({len(group)})\n")
            out.append(pole_table(group, corpus, uri, region=False))
    else:
        out.append(pole_table(entries, corpus, uri, region=False))
    return "\n".join(out)


def regions_overview(corpus: Corpus, from_uri: str) -> str:
    by = regions_of(corpus)
    lines = ["| Région | Pôles | dont pôles témoins | Anciennes régions (2012-2015) |", "|---|---:|---:|---|"]
    for name, entries in by.items():
        old = Counter(e.place.ancienne_region for e in entries if e.place.ancienne_region)
        olds = ", ".join(f"{md(k)} ({v})" for k, v in sorted(old.items(), key=lambda kv: fold(kv[0])))
        temoins = sum(1 for e in entries if any(s.statut == "pole-temoin" for s in e.fiche.statuts))
        lines.append(
            f"| [{md(name)}]({rel(urls.region(name), from_uri)}) | {len(entries)} | {temoins} | {olds} |"
        )
    without = [e for e in corpus.poles if not e.place.region]
    out = "\n".join(lines) + "\n"
    if without:
        out += (
            f"\n{len(without)} fiche{'s' if len(without) > 1 else ''} sans région connue "
            "(périmètre national ou lieu non précisé par les sources) :\n\n"
        )
        out += pole_table(without, corpus, from_uri, region=True)
    return out


def by_key(corpus: Corpus, key) -> dict[str, list[Entry]]:
    by: dict[str, list[Entry]] = defaultdict(list)
    for e in corpus.poles:
        for k in key(e):
            by[k].append(e)
    return by


def status_keys(e: Entry) -> list[str]:
    return [e.statut] if e.statut else []


def theme_keys(e: Entry) -> list[str]:
    return list(e.fiche.thematiques)


def facet_page(section: str, key: str, entries: list[Entry], corpus: Corpus, uri: str, index_uri: str) -> str:
    label = corpus.label(section, key)
    what = "Statut" if section == "statuts" else "Thématique"
    description = corpus.vocabulaires.get(section, {}).get(key, {}).get("description")
    out = [
        front_matter(
            f"{what} : {label}",
            f"Pôles dont {'le statut actuel est' if section == 'statuts' else 'la thématique est'} "
            f"« {label} ».",
            (DIRECTORY, crumb(f"Par {what.lower()}", index_uri)),
            ptce_genere=True,
        )
    ]
    if description:
        out.append(md(description) + "\n")
    out.append(
        f"{len(entries)} fiche{'s' if len(entries) != 1 else ''}. "
        f"[Retour à la liste]({rel(index_uri, uri)})\n"
    )
    out.append(pole_table(entries, corpus, uri))
    return "\n".join(out)


def facet_overview(section: str, corpus: Corpus, from_uri: str, key, uri_of) -> str:
    counts = by_key(corpus, key)
    lines = ["| | Pôles |", "|---|---:|"]
    for k in corpus.vocabulaires.get(section, {}):
        n = len(counts.get(k, []))
        name = md(corpus.label(section, k))
        lines.append(f"| {f'[{name}]({rel(uri_of(k), from_uri)})' if n else name} | {n} |")
    missing = sum(1 for e in corpus.poles if not key(e))
    lines.append(f"| *non renseigné* | {missing} |")
    return "\n".join(lines) + "\n"


def az(corpus: Corpus, from_uri: str) -> str:
    letters: dict[str, list[Entry]] = defaultdict(list)
    for e in corpus.poles:
        first = fold(e.fiche.nom)[:1].upper()
        letters[first if first.isalpha() else "#"].append(e)
    out = [
        " · ".join(f"[{k}](#lettre-{k.lower() if k != '#' else 'autres'})" for k in sorted(letters)) + "\n"
    ]
    for k in sorted(letters):
        out.append(f"### {k} {{ #lettre-{k.lower() if k != '#' else 'autres'} }}\n")
        items = []
        for e in letters[k]:
            where = e.place.commune.nom if e.place.commune else (e.place.region or "")
            items.append(
                page_link(urls.pole(e.slug), from_uri, e.fiche.nom) + (f" — {inline(where)}" if where else "")
            )
        out.append(bullets(items))
    return "\n".join(out)


def upcoming(corpus: Corpus, today: dt.date) -> list[Entry]:
    return [e for e in corpus.events if (e.fiche.fin or e.fiche.debut).date.last_day() >= today]


def home_figures(corpus: Corpus, today: dt.date, from_uri: str) -> str:
    statuses = Counter(e.statut for e in corpus.poles)
    regions = regions_of(corpus)
    lines = [
        f"- **{len(corpus.poles)}** fiches de pôles et d'initiatives, dans **{len(regions)}** régions "
        f"([par région]({rel('regions/index.md', from_uri)}))"
    ]
    for key in corpus.vocabulaires.get("statuts", {}):
        if statuses.get(key):
            lines.append(
                f"    - {statuses[key]} : "
                f"[{md(corpus.label('statuts', key))}]({rel(urls.status(key), from_uri)})"
            )
    lines.append(
        f"- **{len(corpus.events)}** événements à l'agenda ([agenda]({rel('agenda/index.md', from_uri)}))"
    )
    nxt = upcoming(corpus, today)
    out = "\n".join(lines) + "\n\n"
    if nxt:
        out += (
            "**Prochains événements**\n\n"
            + "\n".join(
                f"- {md(event_when(e.fiche.debut, e.fiche.fin))} : "
                f"[{md(e.fiche.titre)}]({rel(urls.event(e.slug), from_uri)})"
                for e in nxt[:3]
            )
            + "\n"
        )
    else:
        out += f"Aucun événement à venir au {md(today.strftime('%d/%m/%Y'))}.\n"
    return out


def event_list(entries: list[Entry], corpus: Corpus, from_uri: str, today: dt.date | None = None) -> str:
    if not entries:
        return "Aucun événement.\n"
    out = []
    for e in entries:
        f = e.fiche
        where = city(e)
        extra = f" — {md(where)}" if where else ""
        shown = shown_status(e, corpus, today or build_date())
        status = f" *({md(shown)})*" if shown != corpus.label("statuts_evenement", "programme") else ""
        out.append(
            f"- **{md(event_when(f.debut, f.fin))}** : "
            f"[{md(f.titre)}]({rel(urls.event(e.slug), from_uri)}){extra}{status}"
        )
    return "\n".join(out) + "\n"


def france_map_page(corpus: Corpus, from_uri: str) -> str:
    """The /carte/ page body: the map, then the same information as tables."""
    points = [e for e in corpus.poles if e.place.has_point]
    out = [
        maps.iframe(
            from_page(urls.FRANCE_MAP, from_uri),
            "Carte des pôles territoriaux de coopération économique",
            height=600,
        )
    ]
    out.append(
        f"La carte place {len(points)} fiches dont la commune est connue, sur {len(corpus.poles)}. "
        "Le fond coloré compte toutes les fiches par région, y compris celles sans commune connue.\n"
    )
    out.append("## Les pôles de la carte\n")
    out.append(pole_table(points, corpus, from_uri))
    for field, title in (
        ("region", "Fiches par région (depuis 2016)"),
        ("ancienne_region", "Fiches par région d'avant 2016"),
    ):
        counts = maps.region_counts(corpus, field)
        out.append(f"## {title}\n")
        out.append("| Région | Fiches |\n|---|---:|")
        out += [f"| {md(k)} | {v} |" for k, v in sorted(counts.items(), key=lambda kv: fold(kv[0]))]
        out.append("")
    return "\n".join(out)


def _events_by(corpus: Corpus, key) -> dict[str, list[Entry]]:
    by: dict[str, list[Entry]] = defaultdict(list)
    for e in corpus.events:
        k = key(e)
        if k:
            by[k].append(e)
    return dict(sorted(by.items(), key=lambda kv: fold(kv[0])))


def events_by_region(corpus: Corpus) -> dict[str, list[Entry]]:
    return _events_by(corpus, lambda e: e.place.region)


def events_by_type(corpus: Corpus) -> dict[str, list[Entry]]:
    return _events_by(corpus, lambda e: e.fiche.type)


def agenda_listing(entries: list[Entry], corpus: Corpus, today: dt.date, from_uri: str) -> str:
    """Upcoming first (soonest first), then past events by year."""
    upcoming, past = split(entries, today)
    out = [
        "## À venir\n",
        event_list(upcoming, corpus, from_uri, today)
        if upcoming
        else (
            f"Aucun événement à venir au {md(today.strftime('%d/%m/%Y'))} "
            "(date de la dernière mise à jour du site).\n"
        ),
    ]
    out.append("## Passés\n")
    for year, group in past.items():
        out.append(f"### {year}\n")
        out.append(event_list(group, corpus, from_uri, today))
    return "\n".join(out)


def agenda_filters(corpus: Corpus, from_uri: str) -> str:
    regions = " · ".join(
        f"[{md(name)}]({rel(urls.events_of_region(name), from_uri)}) ({len(v)})"
        for name, v in events_by_region(corpus).items()
    )
    types = " · ".join(
        f"[{md(corpus.label('types_evenement', k))}]({rel(urls.events_of_type(k), from_uri)}) ({len(v)})"
        for k, v in events_by_type(corpus).items()
    )
    return f"**Par région :** {regions or 'aucune'}\n\n**Par type :** {types or 'aucun'}\n"


def agenda_facet_page(
    title: str,
    entries: list[Entry],
    corpus: Corpus,
    today: dt.date,
    uri: str,
    ics: str | None,
    site_url: str = urls.SITE,
) -> str:
    out = [front_matter(title, f"{title} : événements à venir et passés.", (AGENDA,), ptce_genere=True)]
    links = [f"[Tout l'agenda]({rel('agenda/index.md', uri)})"]
    if ics:
        links += [
            f'<a href="{esc(from_page(ics, uri))}" download>Télécharger le calendrier (.ics)</a>',
            f'<a href="{esc(webcal(site_url, ics))}">S\'abonner dans mon agenda (webcal)</a>',
        ]
    out.append(" · ".join(links) + "\n")
    out.append(agenda_listing(entries, corpus, today, uri))
    return "\n".join(out)
