"""The référentiel d'action as pages: the tree of /ptce/referentiel/ and the self-positioning questionnaire.

Both read data/referentiel.yml (ptce.records.referentiel), so the page, the tool, the fiches' profiles and
the exports cannot disagree on a label. The page's anchors (#objectif-a, #indicateur-01…) are published
addresses (data/urls-publiees.txt): they come from the letters and numbers of the file, never from labels.
"""

from __future__ import annotations

import json

from ptce.records.referentiel import Indicateur, Referentiel
from ptce.text.html import esc, md

# --------------------------------------------------------------------------- /ptce/referentiel/


def _or(words: list[str]) -> str:
    return " ou ".join(words)


def general_objectives(ref: Referentiel) -> str:
    """The three general objectives, in the plan's words (numbered list)."""
    last = len(ref.generaux)
    return (
        "\n".join(
            f"{n}. **{md(g.theme)}** : {md(g.intitule)}{'.' if n == last else ' ;'}"
            for n, g in enumerate(ref.generaux, 1)
        )
        + "\n"
    )


def _indicator_link(i: Indicateur) -> str:
    return f"[{i.numero}](#{i.anchor})"


def objectives(ref: Referentiel) -> str:
    """One h3 per principal objective (anchor #objectif-<letter>): the hypothesis of its general objective
    and the indicators printed beside it."""
    out = []
    for o in ref.objectifs:
        names = [ref.general(k).nom for k in o.hypotheses]
        hypothesis = f"hypothèse{' incertaine' if o.incertaine else ''} : {_or(names)}" if names else ""
        facing = ", ".join(_indicator_link(i) for i in ref.facing(o.lettre))
        line = "Objectif général : non indiqué" + (f" ({md(hypothesis)})" if hypothesis else "") + "."
        if facing:
            line += f" En regard : {facing}."
        out.append(f"### {md(o.lettre)}. {md(o.intitule)} {{: #{o.anchor} }}\n\n{line}\n")
    return "\n".join(out)


def _objective_link(lettre: str) -> str:
    return f"[{md(lettre)}](#objectif-{lettre})"


def indicator_title(ref: Referentiel, i: Indicateur) -> str:
    if i.restitue:
        return i.libelle or ""
    if i.copie_de is not None:
        return f"libellé répété (copie de l'indicateur {i.copie_de})"
    return "non restitué par la source"


def _indicator_text(ref: Referentiel, i: Indicateur) -> str:
    parts = []
    if i.copie_de is not None and i.objectif:
        where = "En regard de" if i.position == "en-regard" else "Sous"
        copied = ref.indicateur(i.copie_de)
        parts.append(
            f"{where} {_objective_link(i.objectif)}. La source y recopie "
            f"l'[indicateur {copied.numero}](#{copied.anchor}), sans doute par erreur : le vrai libellé "
            "n'est **pas restitué par la source**."
        )
    elif i.objectif:
        where = "En regard :" if i.position == "en-regard" else "Sous"
        parts.append(f"{where} {_objective_link(i.objectif)}, incertain.")
    if i.voisinage:
        parts.append(md(i.voisinage))
    if i.note:
        parts.append(md(i.note))
    return " ".join(parts)


def indicators(ref: Referentiel) -> str:
    """One h3 per indicator (anchor #indicateur-<nn>), the uncertain place of its line, its notes."""
    out = []
    for i in ref.indicateurs:
        head = f"### Indicateur {i.numero} — {md(indicator_title(ref, i))} {{: #{i.anchor} }}\n"
        text = _indicator_text(ref, i)
        out.append(head + (f"\n{text}\n" if text else ""))
    return "\n".join(out)


# --------------------------------------------------------------------------- the questionnaire


def scale_table(ref: Referentiel) -> str:
    """The site's scale, as a Markdown table."""
    rows = ["| Niveau | Libellé | Ce qu'il veut dire |", "|---|---|---|"]
    rows += [f"| {n.niveau} | {md(n.libelle)} | {md(n.description)} |" for n in ref.echelle]
    rows.append("| — | non évalué | Pas de réponse : l'objectif ou l'indicateur est laissé de côté. |")
    return "\n".join(rows) + "\n"


def tool_data(ref: Referentiel) -> dict:
    """What the page's script reads (docs/assets/autopositionnement.js): the same tree as the page."""
    return {
        "objectifs": [{"id": o.lettre, "intitule": o.intitule} for o in ref.objectifs],
        "indicateurs": [
            {"id": i.id, "numero": i.numero, "intitule": i.libelle, "objectif": i.objectif}
            for i in ref.notables
        ],
        "non_restitues": [i.numero for i in ref.indicateurs if not i.restitue],
        "echelle": [{"niveau": n.niveau, "libelle": n.libelle} for n in ref.echelle],
        "typologie": [{"id": a.cle, "intitule": a.intitule, "valeurs": a.valeurs} for a in ref.typologie],
    }


def _json_script(element_id: str, data: dict) -> str:
    """JSON inside <script>: « < » escaped so that no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _radios(ref: Referentiel, name: str, legend: str, hint: str = "") -> str:
    """A labelled radio group: one fieldset, its legend, one label per level and « non évalué »."""
    options = [(str(n.niveau), f"{n.niveau} — {n.libelle}") for n in ref.echelle] + [("", "non évalué")]
    inputs = "".join(
        f'<label class="ptce-auto__choix" for="ptce-{name}-{value or "x"}">'
        f'<input type="radio" id="ptce-{name}-{value or "x"}" name="{name}" value="{value}"> {esc(label)}'
        "</label>"
        for value, label in options
    )
    note = f'<p class="ptce-auto__aide">{hint}</p>' if hint else ""
    return (
        f'<fieldset class="ptce-auto__question" id="question-{name}"><legend>{legend}</legend>{note}'
        f'<div class="ptce-auto__choix-liste">{inputs}</div></fieldset>'
    )


def _axis(name: str, legend: str, values: dict[str, str]) -> str:
    options = [*values.items(), ("", "sans réponse")]
    inputs = "".join(
        f'<label class="ptce-auto__choix" for="ptce-{name}-{value or "x"}">'
        f'<input type="radio" id="ptce-{name}-{value or "x"}" name="{name}" value="{value}"> {esc(label)}'
        "</label>"
        for value, label in options
    )
    return (
        f'<fieldset class="ptce-auto__question"><legend>{esc(legend)}</legend>'
        f'<div class="ptce-auto__choix-liste">{inputs}</div></fieldset>'
    )


def questionnaire(ref: Referentiel, referentiel_page: str, assets: str) -> str:
    """The self-positioning form: real HTML (fieldsets, legends, labelled radio groups) that prints as a
    questionnaire without JavaScript; the script adds the profile, the exports and the shareable address.
    referentiel_page and assets are the relative addresses of /ptce/referentiel/ and /assets/ from the
    tool's page."""
    ref_url = esc(referentiel_page)
    objectives = "".join(
        _radios(
            ref,
            f"o-{o.lettre}",
            f"{esc(o.lettre)}. {esc(o.intitule)}",
            (
                "Indicateurs imprimés en regard (rattachement incertain) : "
                + ", ".join(
                    f'<a href="{ref_url}#{i.anchor}">{i.numero}</a>'
                    for i in ref.facing(o.lettre)
                    if i.restitue
                )
                + "."
            )
            if any(i.restitue for i in ref.facing(o.lettre))
            else "",
        )
        for o in ref.objectifs
    )
    indicators = "".join(
        _radios(ref, f"i-{i.id}", f"Indicateur {i.numero} — {esc(i.libelle)}") for i in ref.notables
    )
    missing = [i.numero for i in ref.indicateurs if not i.restitue]
    missing_text = (
        f"Les indicateurs {', '.join(str(n) for n in missing[:-1])} et {missing[-1]} ne se notent pas : "
        f'leur libellé n\'est <a href="{ref_url}#{ref.indicateur(missing[0]).anchor}">pas restitué par la '
        "source</a>."
        if len(missing) > 1
        else ""
    )
    axes = "".join(_axis(f"t-{a.cle}", a.intitule, a.valeurs) for a in ref.typologie)
    css, js = esc(f"{assets}/autopositionnement.css"), esc(f"{assets}/autopositionnement.js")
    return f"""<div class="ptce-auto-outil">
<link rel="stylesheet" href="{css}">
<form class="ptce-auto" id="ptce-auto" action="#" autocomplete="off">
<div class="ptce-auto__entete">
<p class="ptce-auto__champ"><label for="ptce-auto-nom">Nom du pôle \
<span class="ptce-auto__facultatif">(facultatif : il nomme les fichiers et la page imprimée, \
il ne va pas dans le profil)</span></label>
<input type="text" id="ptce-auto-nom" name="nom" maxlength="120"></p>
<p class="ptce-auto__champ"><label for="ptce-auto-date">Date du positionnement</label>
<input type="date" id="ptce-auto-date" name="date" aria-describedby="ptce-auto-date-aide">
<span class="ptce-auto__aide" id="ptce-auto-date-aide">Aujourd'hui ou avant : une fiche refuse un \
profil daté du futur.</span></p>
<p class="ptce-auto__champ"><label for="ptce-auto-note">Qui a fait le positionnement, dans quel cadre \
<span class="ptce-auto__facultatif">(facultatif)</span></label>
<input type="text" id="ptce-auto-note" name="note" maxlength="300"></p>
</div>
<fieldset class="ptce-auto__groupe" id="typologie"><legend>Typologie du pôle</legend>
<p class="ptce-auto__aide">Les axes que nomme le plan de 2013 : « pôles urbains ou rural, filière de \
production ou multi-activités, lieu commun et/ou réseau territorial ».</p>
{axes}</fieldset>
<fieldset class="ptce-auto__groupe" id="objectifs"><legend>Les neuf objectifs principaux</legend>
{objectives}</fieldset>
<fieldset class="ptce-auto__groupe" id="indicateurs"><legend>Les indicateurs que restitue la source</legend>
<p class="ptce-auto__aide">{missing_text}</p>
{indicators}</fieldset>
</form>
<div class="ptce-auto__resultat" id="ptce-auto-resultat" hidden></div>
{_json_script("ptce-auto-donnees", tool_data(ref))}
<script src="{js}" defer></script>
</div>
"""


def example_profile(ref: Referentiel, date: str) -> str:
    """The YAML block a fiche receives, as the tool writes it (a level on every objective and indicator),
    laid out as `make format` writes it."""
    axes = "\n".join(f"      {a.cle}: {next(iter(a.valeurs))}" for a in ref.typologie)
    cycle = ref.levels
    objectives = ", ".join(f"{o.lettre}: {cycle[n % len(cycle)]}" for n, o in enumerate(ref.objectifs))
    indicators = ", ".join(f'"{i.id}": {cycle[(n + 2) % len(cycle)]}' for n, i in enumerate(ref.notables))
    return (
        "profils:\n"
        f'  - date: "{date}"\n'
        "    typologie:\n"
        f"{axes}\n"
        f"    objectifs: {{{objectives}}}\n"
        f"    indicateurs: {{{indicators}}}\n"
        '    note: "Séance du bureau"\n'
    )
