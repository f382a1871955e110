"""Published profiles on the référentiel: the section of a pole's fiche and the comparison page.

A profile is what a pole declares about itself with the tool /boite-a-outils/autopositionnement/, on the
scale the site proposes (data/referentiel.yml). Every figure of the comparison says how many poles it
stands on; an average is over the latest profile of each pole that rated that objective.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ptce.records.corpus import Corpus, Entry
from ptce.records.dates import PartialDate
from ptce.records.geo import fold
from ptce.records.models import REFERENTIEL, Profil
from ptce.records.referentiel import Referentiel
from ptce.text import urls
from ptce.text.html import esc, from_page, md, rel

TOOL = "boite-a-outils/autopositionnement/index.md"  # index pages: raw links read the same everywhere
COMPARISON = "boite-a-outils/profils/index.md"
REFERENTIEL_PAGE = "ptce/referentiel.md"
BAR = "#00695c"  # the site's primary colour (docs/assets/ptce.css): 6.6:1 on white
TRACK = "#5f6b6d"


def french_number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def level_text(ref: Referentiel, value: int | None) -> str:
    return f"{value} — {ref.level(value).libelle}" if value is not None else "non évalué"


# --------------------------------------------------------------------------- chart


def bars_svg(rows: list[tuple[str, float | None]], title: str, ref: Referentiel = REFERENTIEL) -> str:
    """A horizontal bar chart as inline SVG (docs/assets/autopositionnement.js draws the same): one bar per
    (label, level); the table beside it gives the same values to every reader."""
    top, row_h, left, width = 22, 22, 34, 360
    high = ref.levels[-1]
    span = width - left - 36
    height = top + row_h * len(rows) + 6
    out = [
        f'<svg class="ptce-profil-graphique" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" style="width: 100%; max-width: {width / 20:.0f}rem; height: auto" role="img" '
        f'aria-label="{esc(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for n in ref.levels:
        x = left + span * n / high
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - 4}" stroke="{TRACK}" '
            'stroke-width="0.5" stroke-dasharray="2 2"/>'
            f'<text x="{x:.1f}" y="{top - 8}" font-size="10" text-anchor="middle" fill="#333">{n}</text>'
        )
    for k, (label, value) in enumerate(rows):
        y = top + k * row_h
        out.append(
            f'<text x="{left - 6}" y="{y + 14}" font-size="12" text-anchor="end" fill="#1f1f1f">'
            f"{esc(label)}</text>"
        )
        if value is None:
            out.append(f'<text x="{left + 4}" y="{y + 14}" font-size="11" fill="#444">non évalué</text>')
            continue
        w = span * value / high
        out.append(
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" fill="{BAR}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 14}" font-size="11" fill="#1f1f1f">'
            f"{esc(french_number(value) if value % 1 else str(int(value)))}</text>"
        )
    out.append("</svg>")
    return "".join(out)


# --------------------------------------------------------------------------- a pole's fiche


def _objective_link(lettre: str, page: str, text: str) -> str:
    return f"[{text}]({rel(REFERENTIEL_PAGE, page)}#objectif-{lettre})"


def _typology_text(p: Profil, ref: Referentiel) -> str | None:
    if not p.typologie:
        return None
    values = p.typologie.model_dump()
    parts = [ref_axis.valeurs[values[ref_axis.cle]] for ref_axis in ref.typologie if values.get(ref_axis.cle)]
    return ", ".join(parts) if parts else None


def pole_section(entry: Entry, page: str, ref: Referentiel = REFERENTIEL) -> str:
    """« Profil sur le référentiel d'action »: the latest profile (chart, tables), the earlier ones as
    history; empty when the fiche publishes none."""
    profils = entry.fiche.profils
    if not profils:
        return ""
    latest = profils[-1]
    out = [
        "## Profil sur le référentiel d'action\n",
        f"Positionnement déclaré par le pôle, daté du **{md(latest.date.french())}**, sur l'échelle "
        f"{md(ref.scale_text())} que propose le site ([l'outil et son échelle]({rel(TOOL, page)}), "
        f"[comparaison avec d'autres pôles]({rel(COMPARISON, page)})).\n",
    ]
    typology = _typology_text(latest, ref)
    if typology:
        out.append(f"Typologie déclarée : {md(typology)}.\n")
    if latest.note:
        out.append(f"Note : {md(latest.note)}\n")
    levels = latest.niveaux_objectifs
    if levels:
        chart = bars_svg(
            [(o.lettre, levels.get(o.lettre)) for o in ref.objectifs],
            f"Niveaux déclarés sur les neuf objectifs principaux ({latest.date.french()}) : le tableau "
            "qui suit donne les mêmes valeurs",
            ref,
        )
        out.append(f'<div class="ptce-profil">{chart}</div>\n')
        out.append("| Objectif principal | Niveau |\n|---|---|")
        out += [
            f"| {_objective_link(o.lettre, page, md(f'{o.lettre}. {o.intitule}'))} | "
            f"{md(level_text(ref, levels.get(o.lettre)))} |"
            for o in ref.objectifs
        ]
        out.append("")
    indicators = latest.niveaux_indicateurs
    if indicators:
        out.append(
            f'??? info "Niveaux sur les indicateurs ({len(indicators)} évalués sur {len(ref.notables)})"\n'
        )
        out.append("    | Indicateur | Niveau |\n    |---|---|")
        out += [
            f"    | [{i.numero}. {md(i.libelle)}]({rel(REFERENTIEL_PAGE, page)}#{i.anchor}) | "
            f"{md(level_text(ref, indicators.get(i.id)))} |"
            for i in ref.notables
        ]
        out.append("")
    earlier = list(reversed(profils[:-1]))
    if earlier:
        out.append("### Profils antérieurs\n")
        out.append(
            "| Objectif principal | " + " | ".join(md(p.date.french()) for p in earlier) + " |\n"
            "|---|" + "---|" * len(earlier)
        )
        for o in ref.objectifs:
            cells = [str(p.niveaux_objectifs.get(o.lettre, "—")) for p in earlier]
            out.append(f"| {md(o.lettre)}. {md(o.intitule)} | " + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- comparison


def latest_profiles(corpus: Corpus) -> list[tuple[Entry, Profil]]:
    """Each pole that publishes a profile, with its latest one (the list is chronological)."""
    return [(e, e.fiche.profils[-1]) for e in corpus.poles if e.fiche.profils]


@dataclass(frozen=True)
class Figure:
    mean: float | None
    count: int  # poles behind the figure

    def cell(self) -> str:
        if self.mean is None:
            return '<td class="ptce-profil-vide">—</td>'
        return f'<td>{french_number(self.mean)} <span class="ptce-n">({self.count})</span></td>'


def average(levels: Iterable[int | None]) -> Figure:
    values = [v for v in levels if v is not None]
    return Figure(sum(values) / len(values) if values else None, len(values))


Grouper = Callable[[Entry, Profil], str | None]


def groups(profiles: list[tuple[Entry, Profil]], key: Grouper) -> dict[str, list[tuple[Entry, Profil]]]:
    out: dict[str, list[tuple[Entry, Profil]]] = {}
    for e, p in profiles:
        out.setdefault(key(e, p) or "", []).append((e, p))
    return out


def _head(ref: Referentiel, first: str) -> str:
    cells = "".join(
        f'<th scope="col"><abbr title="{esc(o.intitule)}">{esc(o.lettre)}</abbr></th>' for o in ref.objectifs
    )
    return f'<thead><tr><th scope="col">{esc(first)}</th><th scope="col">Pôles</th>{cells}</tr></thead>'


def _scroll(table: str, label: str) -> str:
    return (
        f'<div class="ptce-tableau-defilant" style="overflow-x: auto" tabindex="0" role="region" '
        f'aria-label="{esc(label)}">'
        f"{table}</div>\n"
    )


def group_table(
    profiles: list[tuple[Entry, Profil]],
    key: Grouper,
    title: str,
    first: str,
    table_id: str,
    unknown: str,
    ref: Referentiel = REFERENTIEL,
) -> str:
    """One row per group: how many poles, and the mean level on each objective with its own count."""
    rows = []
    found = groups(profiles, key)
    for name in sorted(found, key=lambda n: (n == "", fold(n), n)):
        members = found[name]
        cells = "".join(
            average(p.niveaux_objectifs.get(o.lettre) for _, p in members).cell() for o in ref.objectifs
        )
        rows.append(f'<tr><th scope="row">{esc(name or unknown)}</th><td>{len(members)}</td>{cells}</tr>')
    caption = f"<caption>{esc(title)} : niveau moyen (pôles qui ont évalué l'objectif)</caption>"
    table = f'<table id="{table_id}">{caption}{_head(ref, first)}<tbody>{"".join(rows)}</tbody></table>'
    return _scroll(table, title)


def _indicator_table(profiles: list[tuple[Entry, Profil]], ref: Referentiel) -> str:
    rows = []
    for i in ref.notables:
        figure = average(p.niveaux_indicateurs.get(i.id) for _, p in profiles)
        rows.append(f'<tr><th scope="row">{i.numero}. {esc(i.libelle)}</th>{figure.cell()}</tr>')
    table = (
        '<table id="profils-indicateurs"><caption>Par indicateur : niveau moyen (pôles qui ont évalué '
        "l'indicateur)</caption>"
        '<thead><tr><th scope="col">Indicateur</th><th scope="col">Moyenne (pôles)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _scroll(table, "Moyennes par indicateur")


def _side_by_side(profiles: list[tuple[Entry, Profil]], corpus: Corpus, page: str, ref: Referentiel) -> str:
    rows = []
    order = sorted(
        profiles,
        key=lambda ep: (
            ep[0].place.region is None,
            fold(ep[0].place.region or ""),
            fold(ep[0].fiche.nom),
            ep[0].slug,
        ),
    )
    for e, p in order:
        link = esc(from_page(urls.address(urls.pole(e.slug)), page) + "/")
        cells = "".join(
            f"<td>{p.niveaux_objectifs[o.lettre]}</td>" if o.lettre in p.niveaux_objectifs else "<td>—</td>"
            for o in ref.objectifs
        )
        rows.append(
            f'<tr><th scope="row"><a href="{link}">{esc(e.fiche.nom)}</a></th>'
            f"<td>{esc(p.date.iso())}</td>"
            f"<td>{esc(corpus.label('types', e.fiche.type) if e.fiche.type else '—')}</td>"
            f"<td>{esc(e.place.region or '—')}</td>{cells}</tr>"
        )
    head = "".join(
        f'<th scope="col"><abbr title="{esc(o.intitule)}">{esc(o.lettre)}</abbr></th>' for o in ref.objectifs
    )
    table = (
        '<table id="profils-poles"><caption>Dernier profil de chaque pôle (« — » : non évalué)</caption>'
        '<thead><tr><th scope="col">Pôle</th><th scope="col">Date</th><th scope="col">Forme</th>'
        f'<th scope="col">Région</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return _scroll(table, "Profils côte à côte")


def comparison(corpus: Corpus, page: str, ref: Referentiel = REFERENTIEL) -> str:
    """The body of /boite-a-outils/profils/: averages by type, region and typology, then every profile."""
    profiles = latest_profiles(corpus)
    tool = rel(TOOL, page)
    if not profiles:
        return (
            '!!! info "Aucun profil publié pour l\'instant"\n'
            "    Aucune fiche de pôle ne publie encore de profil sur le référentiel : il n'y a rien à "
            f"comparer. [Positionnez votre pôle avec l'outil]({tool}), puis ajoutez le profil à sa fiche "
            f"(le mode d'emploi est [en bas de l'outil]({tool}#publier)).\n"
        )
    dated = sorted(p.date.first_day() for _, p in profiles)
    css = esc(from_page("assets/autopositionnement.css", page))
    out = [
        f'<div class="ptce-profils-styles"><link rel="stylesheet" href="{css}"></div>\n',
        f"**{len(profiles)} pôles** publient un profil (du {md(_day(dated[0]))} au {md(_day(dated[-1]))}). "
        "Chaque moyenne porte sur le dernier profil de chaque pôle ; entre parenthèses, le nombre de pôles "
        "qui ont évalué l'objectif ou l'indicateur. Ces profils sont déclarés par les pôles eux-mêmes, sur "
        f"l'échelle que propose le site ([l'outil et son échelle]({tool})) : ils se comparent avec "
        "prudence.\n",
        "## Tous les profils publiés\n",
        bars_svg(
            [
                (o.lettre, average(p.niveaux_objectifs.get(o.lettre) for _, p in profiles).mean)
                for o in ref.objectifs
            ],
            "Moyenne des niveaux sur les neuf objectifs principaux, tous pôles : le tableau qui suit donne "
            "les mêmes valeurs avec le nombre de pôles",
            ref,
        ),
        "",
        group_table(
            profiles,
            lambda e, p: "Tous les pôles",
            "Tous les profils publiés",
            "Ensemble",
            "profils-ensemble",
            "",
            ref,
        ),
        _indicator_table(profiles, ref),
        "## Par forme de coopération\n",
        group_table(
            profiles,
            lambda e, p: corpus.label("types", e.fiche.type) if e.fiche.type else None,
            "Par forme de coopération (champ type de la fiche)",
            "Forme",
            "profils-formes",
            "Forme non renseignée",
            ref,
        ),
        "## Par région\n",
        group_table(
            profiles,
            lambda e, p: e.place.region,
            "Par région",
            "Région",
            "profils-regions",
            "Région non renseignée",
            ref,
        ),
        "## Par typologie du référentiel\n",
        "Les axes que nomme le plan de 2013, tels que chaque pôle les déclare dans son profil.\n",
    ]
    for axe in ref.typologie:
        out.append(
            group_table(
                profiles,
                lambda e, p, cle=axe.cle, valeurs=axe.valeurs: (
                    valeurs.get(p.typologie.model_dump().get(cle) or "") if p.typologie else None
                ),
                f"Typologie, axe « {axe.intitule} »",
                axe.intitule,
                f"profils-typologie-{axe.cle}",
                "Sans réponse",
                ref,
            )
        )
    out += ["## Les profils côte à côte\n", _side_by_side(profiles, corpus, page, ref)]
    return "\n".join(out)


def _day(day) -> str:
    return PartialDate(day.year, day.month, day.day).french()
