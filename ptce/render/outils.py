"""Fiches outils: a page to fill in on screen and print, a PDF, and DOCX and ODT documents to fill in.

One grid (ptce/records/outils.py) gives every form of the fiche. Contributed text is never markup: it is
escaped in the page (md, esc), passed to pandoc as text inside HTML that this module writes and cleans
with the chapter allow-list, and written into Typst as string literals.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import nh3

from ptce.records import outils as grids
from ptce.records.corpus import Corpus, Entry
from ptce.render import downloads, toolkit
from ptce.render.blocks import TOOLKIT, crumb, front_matter, source_list
from ptce.text import html, typography, urls
from ptce.text.html import esc, from_page, md, rel

FORMATS = downloads.FORM_FORMATS
CSS = "assets/outils.css"  # the fiches' screen and print layout, loaded by their pages only
NOTICE_TITLE = "Une proposition de ptce.fr"
HEADER_FIELDS = (("pole", "Pôle ou projet"), ("date", "Date"), ("auteurs", "Rempli par"))
ANSWER_LINES = 3  # empty lines of an answer cell in the DOCX and ODT


def page_url(site_url: str, outil_id: str) -> str:
    return site_url.rstrip("/") + "/" + urls.outil(outil_id).removesuffix(".md") + "/"


def file_name(e: Entry, fmt: str) -> str:
    """Dated and versioned like the chapters' files; « outil » keeps them apart from a chapter's."""
    f = e.fiche
    return urls.download(f"ptce-outil-{f.id}-v{f.version}-{f.date.iso()}.{fmt}")


def notice(c: grids.Checked) -> str:
    """What the fiche is and is not: the site's proposal, not a tool of the 2013 plan (plain text)."""
    chapter = c.chapter.fiche
    return (
        f"Cette fiche est une proposition de la rédaction de ptce.fr, tirée du chapitre {chapter.numero} "
        f"de la boîte à outils, « {chapter.titre} ». Ce n'est pas un outil du plan d'action de janvier "
        "2013 : ses questions et ses cases reformulent ce que dit le chapitre, et chaque partie indique "
        "la section d'où elle vient."
    )


def _sources_of(c: grids.Checked, part: grids.Part) -> list[grids.Section]:
    return [c.sections[a] for a in part.anchors]


def _version_line(f) -> str:
    return f"version {f.version} du {f.date.french()}"


def _numbered(c: grids.Checked) -> list[tuple[grids.Part, list[tuple[int, grids.Block]]]]:
    """Each part with its blocks; questions numbered through the fiche (1, 2, 3…), boxes counted apart."""
    count = {"question": 0, "case": 0}
    out = []
    for part in c.grid.parts:
        blocks: list[tuple[int, grids.Block]] = []
        for block in part.blocks:
            n = 0
            if isinstance(block, grids.Item):
                count[block.kind] += 1
                n = count[block.kind]
            blocks.append((n, block))
        out.append((part, blocks))
    return out


def _groups(blocks: list[tuple[int, grids.Block]]) -> list[tuple[str, list[tuple[int, grids.Block]]]]:
    """Consecutive blocks of one sort together: ("paragraph" | "question" | "case", blocks)."""
    out: list[tuple[str, list[tuple[int, grids.Block]]]] = []
    for n, block in blocks:
        sort = block.kind if isinstance(block, grids.Item) else "paragraph"
        if out and out[-1][0] == sort and sort != "paragraph":
            out[-1][1].append((n, block))
        else:
            out.append((sort, [(n, block)]))
    return out


def _anchors(c: grids.Checked) -> list[str]:
    """A unique id for each part's heading, from its title."""
    seen: set[str] = {"sources", "citer", "historique-des-versions", "a-remplir"}
    out = []
    for i, part in enumerate(c.grid.parts, 1):
        base = urls.slug(part.title)[:60] or f"partie-{i}"
        anchor, k = base, 2
        while anchor in seen:
            anchor, k = f"{base}-{k}", k + 1
        seen.add(anchor)
        out.append(anchor)
    return out


# ---------------------------------------------------------------------------------------------- page


def page(
    c: grids.Checked, corpus: Corpus, files: list[toolkit.Download], site_url: str, today: dt.date
) -> str:
    f, chapter = c.entry.fiche, c.chapter.fiche
    uri = urls.outil(f.id)
    chapter_uri = urls.chapter(chapter.id)
    trail = (TOOLKIT, crumb(chapter.titre, chapter_uri))
    out = [front_matter(f.titre, f.resume, trail, ptce_genere=True)]
    licence_name, licence_url = toolkit.LICENCES.get(f.licence, (f.licence, None))
    licence = f'<a href="{esc(licence_url)}">{esc(licence_name)}</a>' if licence_url else md(licence_name)
    out.append(
        f"*Fiche outil du chapitre {chapter.numero}, [{md(chapter.titre)}]({rel(chapter_uri, uri)}) · "
        f"{md(_version_line(f))} · licence {licence}*\n"
    )
    out.append(f'!!! info "{NOTICE_TITLE}"\n    {md(notice(c))}\n')
    out.append(f"**En bref.** {md(f.resume)}\n{{: .ptce-outil-bref }}\n")
    if f.public:
        out.append(f"**Pour qui :** {md(f.public)}\n{{: .ptce-outil-bref }}\n")
    out.append(toolkit.buttons(files, uri) + "\n")
    out.append(
        '<p class="ptce-outil-aide">Vous pouvez remplir la fiche sur cette page puis l’imprimer, ou '
        "l’enregistrer en PDF, depuis votre navigateur : ce que vous saisissez reste sur votre appareil et "
        "disparaît quand vous quittez la page. Pour la garder ou la remplir à plusieurs, téléchargez-la "
        "en DOCX ou en ODT ; le PDF s’imprime tel quel.</p>\n"
    )
    out += [md(p) + "\n" for p in c.grid.intro]
    fields = "".join(
        f'<p><label for="outil-{key}">{esc(label)}</label>'
        f'<input type="text" id="outil-{key}" name="{key}" autocomplete="off"></p>'
        for key, label in HEADER_FIELDS
    )
    out.append(
        f'<div class="ptce-outil-champs" id="a-remplir">'
        f'<link rel="stylesheet" href="{esc(from_page(CSS, uri))}">{fields}</div>\n'
    )
    for (part, blocks), anchor in zip(_numbered(c), _anchors(c), strict=True):
        out.append(f"## {md(part.title)} {{: #{anchor} }}\n")
        links = " ; ".join(
            f"[{md(s.title)}]({rel(chapter_uri, uri)}#{s.anchor})" for s in _sources_of(c, part)
        )
        out.append(f"D’après le chapitre : {links}\n{{: .ptce-outil-source }}\n")
        for sort, group in _groups(blocks):
            if sort == "paragraph":
                out += [md(b.text) + "\n" for _, b in group if isinstance(b, grids.Paragraph)]
            elif sort == "question":
                items = "".join(
                    f'<li><label for="outil-q{n}">{esc(b.text)}</label>'
                    f'<textarea id="outil-q{n}" name="q{n}" rows="3"></textarea></li>'
                    for n, b in group
                    if isinstance(b, grids.Item)
                )
                out.append(f'<ol class="ptce-outil-questions" start="{group[0][0]}">{items}</ol>\n')
            else:
                items = "".join(
                    f'<li><input type="checkbox" id="outil-c{n}" name="c{n}">'
                    f'<label for="outil-c{n}">{esc(b.text)}</label></li>'
                    for n, b in group
                    if isinstance(b, grids.Item)
                )
                out.append(f'<ul class="ptce-outil-cases">{items}</ul>\n')
    url = page_url(site_url, f.id)
    out.append(
        f'<p class="ptce-outil-pied">ptce.fr · fiche outil « {esc(f.titre)} », {esc(_version_line(f))} · '
        f"licence {esc(licence_name)} · {esc(url)}</p>\n"
    )
    out.append('<div class="ptce-outil-annexe" markdown="1">\n')
    out.append("## Sources {: #sources }\n")
    out.append(
        f"Le chapitre [{md(chapter.titre)}]({rel(chapter_uri, uri)}), version {md(chapter.version)} du "
        f"{md(chapter.date.french())}, et les documents sur lesquels il s'appuie :\n"
    )
    out.append(source_list(corpus, f.sources))
    out.append("## Citer cette fiche {: #citer }\n")
    out.append(
        md(
            f"ptce.fr, « {f.titre} », fiche outil de la boîte à outils des PTCE (chapitre {chapter.numero}), "
            f"version {f.version}, {f.date.french()}. {url} (consulté le {today.strftime('%d/%m/%Y')})."
        )
        + "\n"
    )
    out.append("## Historique des versions {: #historique-des-versions }\n")
    out.append("| Version | Date | Changements |\n|---|---|---|")
    out += [f"| {md(h.version)} | {md(h.date.french())} | {md(h.changements)} |" for h in f.historique]
    out.append(
        f"\n[Toutes les fiches outils]({rel(urls.OUTILS, uri)}) · "
        f"[Le chapitre {chapter.numero}]({rel(chapter_uri, uri)}) · "
        f"[La boîte à outils]({rel(urls.TOOLKIT, uri)})\n"
    )
    out.append("</div>\n")
    return "\n".join(out)


# ---------------------------------------------------------------------------------- lists and index


def of_chapter(corpus: Corpus, chapter_id: str) -> list[grids.Checked]:
    return [c for c in grids.check(corpus)[0] if c.chapter.fiche.id == chapter_id]


def links(checked: list[grids.Checked], from_uri: str) -> str:
    """A Markdown list of fiches outils, each with its summary."""
    return (
        "\n".join(
            f"- [{md(c.entry.fiche.titre)}]({rel(urls.outil(c.entry.fiche.id), from_uri)}) : "
            f"{md(c.entry.fiche.resume)}"
            for c in checked
        )
        + "\n"
    )


def index_page(corpus: Corpus, files: dict[str, list[toolkit.Download]]) -> str:
    checked = grids.check(corpus)[0]
    out = [
        front_matter(
            "Fiches outils",
            "Grilles et listes de contrôle tirées des chapitres de la boîte à outils, à remplir en ligne, "
            "à imprimer ou à télécharger en DOCX et ODT.",
            (TOOLKIT,),
        )
    ]
    out.append("# Fiches outils\n")
    out.append(
        "Chaque chapitre de la boîte à outils se termine par une ou plusieurs fiches outils : des questions "
        "et des listes de contrôle à utiliser en atelier, en entretien ou en formation. Ce sont des "
        "**propositions de la rédaction de ptce.fr**, tirées des chapitres : pas des outils du plan "
        "d'action de janvier 2013. Chaque fiche se remplit en ligne, s'imprime, et se télécharge en PDF et "
        "en documents à remplir (DOCX et ODT), datés et versionnés.\n"
    )
    current = None
    for c in checked:
        chapter = c.chapter.fiche
        if chapter.id != current:
            current = chapter.id
            out.append(
                f"## {chapter.numero}. {md(chapter.titre)} {{: #chapitre-{chapter.id} }}\n\n"
                f"[Lire le chapitre]({rel(urls.chapter(chapter.id), urls.OUTILS)})\n"
            )
        f = c.entry.fiche
        out.append(f"### [{md(f.titre)}]({rel(urls.outil(f.id), urls.OUTILS)}) {{: #{f.id} }}\n")
        out.append(f"*{md(_version_line(f).capitalize())}*\n")
        out.append(md(f.resume) + "\n")
        out.append(toolkit.buttons(files.get(f.id, []), urls.OUTILS) + "\n")
    if not checked:
        out.append("Aucune fiche outil n'est publiée pour le moment.\n")
    return "\n".join(out)


# ------------------------------------------------------------------------------------ downloads


def _clean(fragment: str) -> str:
    """The document HTML through the chapter allow-list, plus column widths (what pandoc reads)."""
    return nh3.clean(
        fragment,
        tags=html.CHAPTER_TAGS | {"colgroup", "col"},
        attributes={**html.CHAPTER_ATTRIBUTES, "col": {"width"}},
        allowed_classes={},
        url_schemes=html.URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def _table(widths: tuple[int, ...], head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    cols = "".join(f'<col width="{w}%">' for w in widths)
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _blank(lines: int) -> str:
    return "<p>&nbsp;</p>" * lines


def form_html(c: grids.Checked, site_url: str) -> str:
    """The fiche as pandoc reads it for the DOCX and ODT: answer spaces are empty table cells."""
    f, chapter = c.entry.fiche, c.chapter.fiche
    chapter_url = toolkit.page_url(site_url, chapter.id)
    licence_name = toolkit.LICENCES.get(f.licence, (f.licence,))[0]
    out = [
        f"<p><em>Licence {esc(licence_name)} · adresse permanente : {esc(page_url(site_url, f.id))}</em></p>"
    ]
    out.append(f"<blockquote><p><strong>{esc(NOTICE_TITLE)}.</strong> {esc(notice(c))}</p></blockquote>")
    out.append(f"<p>{esc(f.resume)}</p>")
    if f.public:
        out.append(f"<p><em>Pour qui :</em> {esc(f.public)}</p>")
    out += [f"<p>{esc(p)}</p>" for p in c.grid.intro]
    out.append(
        _table((30, 70), ("À remplir", ""), [(esc(label), _blank(1)) for _, label in HEADER_FIELDS]).replace(
            "<th></th>", "<th>&nbsp;</th>"
        )
    )
    for part, blocks in _numbered(c):
        out.append(f"<h2>{esc(part.title)}</h2>")
        sources = " ; ".join(
            f'<a href="{esc(chapter_url)}#{esc(s.anchor)}">{esc(s.title)}</a>' for s in _sources_of(c, part)
        )
        out.append(f"<p><em>D’après le chapitre « {esc(chapter.titre)} » : {sources}</em></p>")
        for sort, group in _groups(blocks):
            items = [b for _, b in group]
            if sort == "paragraph":
                out += [f"<p>{esc(b.text)}</p>" for b in items]
            elif sort == "question":
                rows = [(f"<p>{n}. {esc(b.text)}</p>", _blank(ANSWER_LINES)) for n, b in group]
                out.append(_table((40, 60), ("Question", "Réponses, observations"), rows))
            else:
                rows = [(f"<p>☐ {esc(b.text)}</p>", _blank(1)) for n, b in group]
                out.append(_table((60, 40), ("Point à vérifier", "Remarques"), rows))
    out.append("<hr>")
    url = page_url(site_url, f.id)
    out.append(
        f"<p>ptce.fr · fiche outil, {esc(_version_line(f))} · licence {esc(licence_name)} · "
        f'adresse permanente : <a href="{esc(url)}">{esc(url)}</a></p>'
    )
    return downloads.to_pandoc(_clean("".join(out)), site_url.rstrip("/") + "/boite-a-outils/outils/")


def _s(text: str) -> str:
    """Contributed text in Typst: a string literal, never markup."""
    return "#" + downloads._typst_string(typography.french(" ".join(text.split())))


def form_typst(c: grids.Checked, site_url: str) -> str:
    """The PDF: a sheet to print, A4, without cover nor table of contents."""
    f, chapter = c.entry.fiche, c.chapter.fiche
    y, m, d = (int(x) for x in f.date.iso().split("-"))
    url = page_url(site_url, f.id)
    chapter_url = toolkit.page_url(site_url, chapter.id)
    licence_name = toolkit.LICENCES.get(f.licence, (f.licence,))[0]
    footer = f"ptce.fr · fiche outil, {_version_line(f)} · licence {licence_name} · {url}"
    title = downloads._typst_string(typography.french(f.titre))
    author = downloads._typst_string(downloads.PUBLISHER)
    out = [
        f"#set document(title: {title}, author: {author}, date: datetime(year: {y}, month: {m}, day: {d}))",
        f"""#set page(paper: "a4", margin: (x: 1.7cm, top: 1.5cm, bottom: 1.9cm), footer: context [
  #set text(size: 7pt, fill: luma(80))
  {_s(footer)} #h(1fr) #counter(page).display("1 / 1", both: true)
])
#set text(lang: "fr", region: "FR", font: "Libertinus Serif", size: 9.5pt, hyphenate: false)
#set par(justify: false, leading: 0.5em, spacing: 0.7em)
#show link: set text(fill: rgb("#00695c"))
#show heading: set text(size: 11pt)
#show heading: set block(above: 0.9em, below: 0.35em)
#set table(stroke: 0.5pt + luma(110), inset: (x: 4pt, y: 3pt))
#set table.cell(breakable: false)
#let case = box(width: 7pt, height: 7pt, stroke: 0.6pt, baseline: 0.5pt)
#text(size: 8pt, fill: luma(80))[Boîte à outils des PTCE · fiche outil du chapitre {chapter.numero},
  {_s(chapter.titre)}]
#v(1pt)
#text(size: 15pt, weight: "bold")[{_s(f.titre)}]
#v(2pt)
#block(fill: luma(243), inset: 5pt, width: 100%, stroke: (left: 2pt + rgb("#00695c")))[
  #text(size: 8pt)[*{NOTICE_TITLE}.* {_s(notice(c))}]]
{_s(f.resume)}
""",
    ]
    out += [_s(p) + "\n" for p in c.grid.intro]
    cells = ", ".join(f"[{_s(label)}], []" for _, label in HEADER_FIELDS)
    out.append(f"#table(columns: (22%, 1fr), inset: (x: 4pt, y: 5pt), {cells})")
    for part, blocks in _numbered(c):
        sources = " ; ".join(
            f"#link({downloads._typst_string(chapter_url + '#' + s.anchor)})[{_s(s.title)}]"
            for s in _sources_of(c, part)
        )
        out.append(
            f"#block(sticky: true)[#heading(level: 1)[{_s(part.title)}]"
            f'#text(size: 7.5pt, fill: luma(80), style: "italic")[D’après le chapitre : {sources}]]'
        )
        for sort, group in _groups(blocks):
            items = [(n, b) for n, b in group]
            if sort == "paragraph":
                out += [f"#text(size: 8.5pt)[{_s(b.text)}]\n" for _, b in items]
            elif sort == "question":
                rows = ", ".join(f"[{n}. {_s(b.text)}], [#v(1.3cm)]" for n, b in items)
                head = "table.header([*Question*], [*Réponses, observations*])"
                out.append(f"#table(columns: (40%, 1fr), {head}, {rows})")
            else:
                rows = ", ".join(f"[#case], [{_s(b.text)}], []" for _, b in items)
                head = "table.header([], [*Point à vérifier*], [*Remarques*])"
                out.append(f"#table(columns: (auto, 1fr, 36%), {head}, {rows})")
    return "\n".join(out) + "\n"


def document(c: grids.Checked, site_url: str) -> downloads.Document:
    f = c.entry.fiche
    chapter = c.chapter.fiche
    return downloads.Document(
        slug=f"outil-{f.id}",
        title=typography.french(f.titre),
        subtitle=typography.french(
            f"Fiche outil du chapitre {chapter.numero} de la boîte à outils des PTCE, « {chapter.titre} »"
        ),
        version=f.version,
        date=f.date.iso(),
        licence=toolkit.LICENCES.get(f.licence, (f.licence,))[0],
        url=page_url(site_url, f.id),
        html=form_html(c, site_url),
        typst=form_typst(c, site_url),
        form=True,
    )


# -------------------------------------------------------------------------------------- outputs

Page = tuple[str, str, str | None]  # (docs-relative path, content, data/ file to edit)


def outputs(
    corpus: Corpus, site_url: str, cache: Path, today: dt.date, warn
) -> tuple[list[Page], dict[str, Path]]:
    """Every fiche outil's page, files and former addresses, and the page listing them all."""
    checked, errors = grids.check(corpus)
    for error in errors:
        if error not in corpus.errors:  # ptce/records/corpus.py may already report them
            warn(str(error))
    pages: list[Page] = []
    files: dict[str, Path] = {}
    by_id: dict[str, list[toolkit.Download]] = {}
    taken = {toolkit.file_name(e, fmt) for e in corpus.chapters for fmt in downloads.FORMATS}
    for c in checked:
        e, f = c.entry, c.entry.fiche
        doc = document(c, site_url)
        by_id[f.id] = []
        for fmt in FORMATS:
            uri = file_name(e, fmt)
            if uri in taken:
                warn(
                    f"{e.path} : téléchargement non publié, {uri} est déjà le nom d'un fichier d'un chapitre"
                )
                continue
            try:
                path, _ = downloads.build([doc], cache, fmt, **toolkit.download_meta(doc))
            except downloads.DownloadError as exc:  # a warning: `mkdocs build --strict` fails on it
                warn(f"{e.path} : téléchargement non publié, {exc}")
                continue
            files[uri] = path
            by_id[f.id].append(toolkit.Download(fmt, uri, path.stat().st_size))
        pages.append((urls.outil(f.id), page(c, corpus, by_id[f.id], site_url, today), e.path))
        for old in f.anciennes_adresses:
            target = page_url(site_url, f.id)
            pages.append((urls.former_outil(old), toolkit.redirect_html(target, "Cette fiche outil"), None))
    pages.append((urls.OUTILS, index_page(corpus, by_id), None))
    return pages, files
