"""Where a pole or an event becomes a page: records in, Markdown out.

The headings, admonitions and short lines are Markdown; the long parts (identity card, lists, tables,
programme) are the HTML Python-Markdown would make of them, so converting a page takes a third less time.
Contributor values go through html.inline() or html.md() (escaped HTML or Markdown) or html.esc()
(attributes); bodies through blocks.body_html() (html.sanitize_body). Links to other pages go through
html.page_link(), which writes them as MkDocs would; the link check after the build verifies them all.
"""

from __future__ import annotations

from ptce.records import freshness
from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import build_date, event_when, hour_fr
from ptce.render import agenda, library, maps, profiles
from ptce.render.blocks import AGENDA, DIRECTORY, body_html, crumb, front_matter, source_list
from ptce.text import urls
from ptce.text.html import bullets, esc, from_page, inline, link, md, page_link, rel, table

NON_RENSEIGNE = "<em>non renseigné</em>"


def _tel(number: str) -> str:
    return link("tel:+33" + number.replace(" ", "")[1:], number)


def _mail(address: str) -> str:
    return link("mailto:" + address, address)


def _row(label: str, value: str | None) -> tuple[str, str]:
    """One term of the identity card (accessible label/value pairs); value in HTML."""
    return label, value if value else NON_RENSEIGNE


def _card(rows: list[tuple[str, str]]) -> str:
    """The identity card: the definition list Python-Markdown's def_list makes."""
    lines = ["<dl>"]
    for label, value in rows:
        lines += [f"<dt>{label}</dt>", f"<dd>{value}</dd>"]
    return "\n".join([*lines, "</dl>"]) + "\n"


def _nested(items: list[tuple[str, list[str]]]) -> str:
    """A list whose items may hold a list, as Python-Markdown writes a tight nested list."""
    lines = ["<ul>"]
    for text, children in items:
        if not children:
            lines.append(f"<li>{text}</li>")
            continue
        lines.append(f"<li>{text}<ul>")
        lines += [f"<li>{child}</li>" for child in children]
        lines += ["</ul>", "</li>"]
    return "\n".join([*lines, "</ul>"]) + "\n"


def place_line(entry: Entry) -> str | None:
    p = entry.place
    if p.commune:
        dept = f"({p.departement.nom}, {p.departement.code})" if p.departement else ""
        return inline(p.commune.nom) + (" " + inline(dept) if dept else "")
    if p.departement:
        return inline(f"{p.departement.nom} ({p.departement.code})")
    return None


def region_links(entry: Entry, from_uri: str) -> str | None:
    p = entry.place
    if not p.region:
        return None
    text = page_link(urls.region(p.region), from_uri, p.region)
    if p.ancienne_region and p.ancienne_region != p.region:
        text += f" (avant 2016 : {inline(p.ancienne_region)})"
    return text


def pole_page(entry: Entry, corpus: Corpus, today=None) -> str:
    f = entry.fiche
    uri = urls.pole(entry.slug)
    statut = entry.statut
    where = entry.place.commune.nom if entry.place.commune else (entry.place.region or "")
    desc = (
        f"Fiche du pôle territorial de coopération économique {f.nom}"
        + (f" ({where})" if where else "")
        + "."
    )
    region = entry.place.region
    trail = (DIRECTORY, *([crumb(region, urls.region(region))] if region else []))
    out = [front_matter(f.nom, desc, trail, ptce_genere=True)]

    tags = []
    if statut:
        tags.append(
            f"[{md(corpus.label('statuts', statut))}]({rel(urls.status(statut), uri)})"
            f"{{ .ptce-badge .ptce-statut-{statut} }}"
        )
    if f.type:
        tags.append(md(corpus.label("types", f.type)))
    tags += [f"[{md(corpus.label('thematiques', t))}]({rel(urls.theme(t), uri)})" for t in f.thematiques]
    if tags:
        out.append(" · ".join(tags) + "\n")
    if f.nom_inconnu:
        out.append(
            '!!! note "Nom non précisé"\n    La source ne donne pas de nom à cette initiative : '
            "la fiche porte le nom de sa structure porteuse.\n"
        )

    out.append("## Présentation\n")
    body = body_html(entry, uri) if entry.body.strip() else ""
    out.append(
        f'<div class="ptce-corps">\n{body}\n</div>\n' if body else "Aucune présentation pour l'instant.\n"
    )

    out.append("## Fiche d'identité\n")
    p = entry.place
    address = ", ".join(
        inline(x) for x in (f.adresse, f.code_postal, p.commune.nom if p.commune else f.commune) if x
    )
    rows = [
        _row("Structure porteuse", inline(f.structure_porteuse) if f.structure_porteuse else None),
        _row("Adresse", address or None),
        *([_row("Adresse postale", inline(f.cedex))] if f.cedex else []),
        _row("Commune", place_line(entry)),
        _row("Région", region_links(entry, uri)),
    ]
    if f.perimetre:
        rows.append(_row("Périmètre", inline(corpus.label("perimetres", f.perimetre))))
    rows += [
        _row("Téléphone", _tel(f.telephone) if f.telephone else None),
        _row("Courriel", _mail(f.courriel) if f.courriel else None),
        _row("Site web", link(f.site_web, f.site_web) if f.site_web else None),
    ]
    out.append(_card(rows))

    if entry.place.has_point:
        where = "la commune" if entry.place.coords_from == "commune" else "le pôle"
        out.append(f"Position sur la carte : {where}.\n")
        out.append(
            maps.iframe(
                from_page(urls.map_of_pole(entry.slug), uri), f"Carte de localisation : {f.nom}", height=300
            )
        )

    out.append("## Responsables\n")
    if f.responsables:
        people = []
        for r in f.responsables:
            line = f"<strong>{inline(r.nom)}</strong>"
            if r.role:
                line += f", {inline(r.role)}"
            period = " – ".join(
                x
                for x in (
                    f"depuis {r.depuis.french()}" if r.depuis else "",
                    f"jusqu'en {r.jusqu_a.french()}" if r.jusqu_a else "",
                )
                if x
            )
            if period:
                line += f" ({inline(period)})"
            if r.public:
                contacts = [
                    c
                    for c in (
                        _tel(r.telephone) if r.telephone else "",
                        _mail(r.courriel) if r.courriel else "",
                    )
                    if c
                ]
                if contacts:
                    line += " — " + " · ".join(contacts)
            people.append(line)
        out.append(bullets(people))
    else:
        out.append("Non renseigné.\n")

    out.append("## Historique\n")
    if f.statuts:
        history = [
            [
                inline(s.date.french()) if s.date else "date inconnue",
                inline(corpus.label("statuts", s.statut)),
                inline(corpus.sources.get(s.source, {}).get("titre", s.source)) if s.source else "",
            ]
            for s in f.statuts
        ]
        out.append(table(["Date", "Statut", "Source"], history))
    else:
        out.append("Statut non renseigné.\n")

    profile = profiles.pole_section(entry, uri)
    if profile:
        out.append(profile)

    linked = corpus.events_of_pole(entry.slug)
    if linked:
        out.append("## Événements\n")
        out.append(
            bullets(
                [
                    f"{inline(event_when(e.fiche.debut, e.fiche.fin))} : "
                    + page_link(urls.event(e.slug), uri, e.fiche.titre)
                    for e in linked
                ]
            )
        )

    out.append(library.backlinks(corpus, "poles", entry.slug, uri))
    out.append("## Sources\n")
    out.append(source_list(corpus, f.sources))
    out.append(f"*Fiche vérifiée le {md(f.date_maj.french())}.*\n")
    months = freshness.max_age_months(corpus.parametres)
    if freshness.is_stale(f.date_maj, today or build_date(), months):
        out.insert(
            1,
            '!!! warning "Fiche à actualiser"\n    Cette fiche n\'a pas été vérifiée '
            f"depuis plus de {months} mois "
            f"(dernière vérification : {md(f.date_maj.french())}). "
            "Certaines informations peuvent être périmées. "
            "Si vous connaissez ce pôle, corrigez-la avec le bouton « Modifier cette page » "
            f"ou signalez-le (voir [Contribuer]({rel('contribuer/index.md', uri)})).\n",
        )
    return "\n".join(out)


def _person(p) -> str:
    parts = [
        f"<strong>{inline(p.nom)}</strong>" if p.nom else None,
        inline(p.role) if p.role else None,
        inline(p.organisation) if p.organisation else None,
    ]
    text = ", ".join(x for x in parts if x)
    if p.reserve:
        text += {
            "sous-reserve": " <em>(sous réserve)</em>",
            "a-preciser": " <em>(à préciser)</em>",
            "a-definir": " <em>(à définir)</em>",
        }[p.reserve]
    return text


def event_page(entry: Entry, corpus: Corpus, site_url: str = urls.SITE, today=None) -> str:
    f = entry.fiche
    uri = urls.event(entry.slug)
    when = event_when(f.debut, f.fin)
    today = today or build_date()
    past = agenda.last_day(entry) < today
    year = crumb(str(f.debut.date.year), "agenda/index.md", f"#{f.debut.date.year}")
    trail = (AGENDA, year if past else crumb("À venir", "agenda/index.md", "#a-venir"))
    out = [front_matter(f.titre, agenda.description(entry, corpus), trail, ptce_genere=True)]
    status = agenda.shown_status(entry, corpus, today)
    out.append(f"{md(corpus.label('types_evenement', f.type))} · **{md(status)}**\n")
    if f.statut in ("annule", "reporte"):
        out.append(f'!!! warning "{esc(status)}"\n    Cet événement est {md(status.lower())}.\n')
    elif f.statut == "prevu":
        tail = (
            "aucune source consultée ne confirme qu'il a eu lieu."
            if past
            else "aucune annonce ne le confirme encore."
        )
        out.append(
            f'!!! info "{esc(status)}"\n    Cet événement figure dans un document de programmation ; {tail}\n'
        )
    elif f.statut == "programme" and past:
        out.append(
            '!!! info "Tenue non confirmée"\n    Cet événement a été annoncé avec sa date ; '
            "sa tenue n'est pas confirmée ici.\n"
        )

    rows = [_row("Date", inline(when) + (f" (heure de {inline(f.zone)})" if f.debut.time else ""))]
    if f.debut.date.precision != "jour":
        rows.append(
            _row(
                "Précision",
                "seul le mois est connu" if f.debut.date.precision == "mois" else "seule l'année est connue",
            )
        )
    if f.lieu:
        parts = [
            inline(x)
            for x in (
                f.lieu.nom,
                f.lieu.adresse,
                " ".join(y for y in (f.lieu.code_postal, f.lieu.commune) if y),
            )
            if x
        ]
        rows.append(_row("Lieu", ", ".join(parts)))
        if f.lieu.acces:
            rows.append(_row("Accès", inline(f.lieu.acces)))
    else:
        rows.append(_row("Lieu", None))
    if f.en_ligne:
        text = inline(f.en_ligne.description or "En ligne")
        rows.append(
            _row("En ligne", text + (" — " + link(f.en_ligne.url, f.en_ligne.url) if f.en_ligne.url else ""))
        )
    if f.public:
        rows.append(_row("Public", inline(f.public)))
    for label, orgs in (("Organisation", f.organisateurs), ("Soutiens", f.financeurs)):
        if orgs:
            rows.append(
                _row(label, ", ".join(link(o.site_web, o.nom) if o.site_web else inline(o.nom) for o in orgs))
            )
    out.append(_card(rows))
    if agenda.in_calendar(entry):
        path = urls.event_calendar(entry.slug)
        out.append(
            f'<a class="md-button" href="{esc(from_page(path, uri))}" download>'
            "Ajouter à mon agenda (.ics)</a> "
            f'<a class="md-button" href="{esc(agenda.webcal(site_url, path))}">'
            "S'abonner dans mon agenda (webcal)</a>\n"
        )
    if entry.place.has_point:
        out.append(
            maps.iframe(
                from_page(urls.map_of_event(entry.slug), uri), f"Carte du lieu : {f.titre}", height=280
            )
        )
    structured = agenda.json_ld(entry, corpus, site_url)
    if structured:  # no block rather than one that search engines reject
        out.append(agenda.json_ld_script(structured) + "\n")

    if f.inscription:
        i = f.inscription
        out.append("## Inscription\n")
        if i.obligatoire:
            out.append("**Sur inscription uniquement.**\n")
        items = []
        if i.url:
            items.append("En ligne : " + link(i.url, i.url))
        if i.courriel:
            items.append("Courriel : " + _mail(i.courriel))
        if i.telephone:
            items.append("Téléphone : " + _tel(i.telephone))
        if i.date_limite:
            items.append("Date limite : " + inline(i.date_limite.french()))
        if i.modalites:
            items.append(inline(i.modalites))
        out.append(bullets(items) if items else "")

    if entry.body.strip():
        out.append("## Présentation\n")
        out.append(f'<div class="ptce-corps">\n{body_html(entry, uri)}\n</div>\n')

    out.append("## Programme\n")
    if f.programme:
        sessions = []
        for s in f.programme:
            hours = " – ".join(hour_fr(t) for t in (s.debut, s.fin) if t) or "horaire non précisé"
            kind = f" <em>({inline(corpus.label('types_session', s.type))})</em>" if s.type else ""
            details = [inline(s.description)] if s.description else []
            details += [f"Animation : {_person(p)}" for p in s.animateurs]
            details += [_person(p) for p in s.intervenants]
            sessions.append((f"<strong>{inline(hours)}</strong> — {inline(s.titre)}{kind}", details))
        out.append(_nested(sessions))
    else:
        out.append("Le programme n'est pas connu.\n")

    if f.poles:
        out.append("## Pôles concernés\n")
        named = [corpus.pole(slug) for slug in f.poles]
        out.append(
            bullets([page_link(urls.pole(p.slug), uri, p.fiche.nom) for p in named if p])
            if any(named)
            else ""
        )
    if f.documents:
        out.append("## Documents\n")
        out.append(
            bullets(
                [
                    link(d.url, d.titre) if d.url else inline(d.titre) + " (pas d'adresse connue)"
                    for d in f.documents
                ]
            )
        )
    out.append(library.backlinks(corpus, "evenements", entry.slug, uri))
    out.append("## Sources\n")
    out.append(source_list(corpus, f.sources))
    return "\n".join(out)
