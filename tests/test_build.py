"""The real site builds strictly, and every record of data/ becomes a page with its facts."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import copy_project, mkdocs_build

pytestmark = pytest.mark.build


def page(site: Path, url: str) -> str:
    """The page's HTML, with French typography (’, non-breaking spaces) read back as typed in the fiche."""
    text = (site / url / "index.html").read_text(encoding="utf-8")
    return text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")


def test_every_pole_has_a_page_with_its_facts(real_corpus, built):
    corpus = real_corpus
    assert corpus.errors == []
    assert len(corpus.poles) >= 21 + 100
    for e in corpus.poles:
        text = page(built, f"poles/{e.slug}")
        f = e.fiche
        assert html.escape(f.nom, quote=False) in text, e.slug
        for value in (f.structure_porteuse, f.telephone, f.courriel, f.adresse):
            if value:
                assert html.escape(value, quote=False) in text, (e.slug, value)
        if e.place.commune:
            assert html.escape(e.place.commune.nom, quote=False) in text
        for r in f.responsables:
            assert html.escape(r.nom, quote=False) in text
            if not r.public:
                for private in (r.telephone, r.courriel):
                    assert not private or private not in text, (e.slug, "contact privé publié")


def test_every_event_has_a_page_with_its_facts(real_corpus, built):
    corpus = real_corpus
    assert len(corpus.events) >= 4
    for e in corpus.events:
        text = page(built, f"agenda/{e.slug}")
        assert html.escape(e.fiche.titre, quote=False) in text
        for s in e.fiche.programme:
            assert html.escape(s.titre, quote=False) in text
            for p in s.intervenants:
                if p.nom:
                    assert html.escape(p.nom, quote=False) in text


def test_index_pages_link_every_pole(real_corpus, built):
    corpus = real_corpus
    az = page(built, "poles")
    for e in corpus.poles:
        assert f'href="{e.slug}/"' in az, e.slug
    regions = page(built, "regions")
    for name in {e.place.region for e in corpus.poles if e.place.region}:
        assert html.escape(name, quote=False) in regions


def test_home_shows_live_figures(real_corpus, built):
    corpus = real_corpus
    home = page(built, "")
    assert f"<strong>{len(corpus.poles)}</strong> fiches" in home
    assert f"<strong>{len(corpus.events)}</strong> événements" in home


def test_pages_load_nothing_from_third_parties(built):
    for file in built.rglob("*.html"):
        text = file.read_text(encoding="utf-8")
        for host in (
            "fonts.googleapis.com",
            "fonts.gstatic.com",
            "cdn.jsdelivr.net",
            "unpkg.com",
            "cdnjs.cloudflare.com",
        ):
            assert host not in text, (file, host)


HOSTILE = """---
nom: "{{ 7*7 }} <img src=x onerror=alert(1)> {% raw %}"
render_macros: true
structure_porteuse: "{{ cycler.__init__.__globals__.os.popen('touch PWNED_FIELD').read() }}"
date_maj: "2026-11-23"
---

{{ cycler.__init__.__globals__.os.popen('touch PWNED_BODY').read() }}

{% for i in range(3) %}BOUCLE{% endfor %}

<script>alert(1)</script><iframe src="https://evil.example"></iframe>
<a href="javascript:alert(1)" onclick="x()">lien</a>
"""


def test_jinja_and_markup_in_a_fiche_are_shown_literally_never_run(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/poles/hostile.md").write_text(HOSTILE, encoding="utf-8")
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "render_macros" in result.stderr  # reported as an unknown key
    assert not list(project.rglob("PWNED*")) and not list(Path.cwd().glob("PWNED*"))
    text = page(project / "site", "poles/hostile")
    assert "{{ 7*7 }}" in text and ">49<" not in text
    assert "{% for i in range(3) %}BOUCLE{% endfor %}" in text and "BOUCLEBOUCLE" not in text
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    body = text.split('class="ptce-corps"')[1].split("</div>")[0]
    assert (
        "<script" not in body
        and "<iframe" not in body
        and "javascript:" not in body
        and "onclick" not in body
    )


def test_jinja_in_fields_and_body_passes_a_strict_build(tmp_path):
    project = copy_project(tmp_path)
    (project / "data/poles/hostile.md").write_text(
        HOSTILE.replace("render_macros: true\n", ""), encoding="utf-8"
    )
    result = mkdocs_build(project, strict=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "{{ 7*7 }}" in page(project / "site", "poles/hostile")


def test_json_schemas_are_published_and_match_the_models(built):
    import json

    import jsonschema

    from ptce.render.schema import json_schema

    for kind in ("pole", "evenement", "chapitre"):
        published = json.loads((built / "schemas" / f"{kind}.json").read_text(encoding="utf-8"))
        assert published == json_schema(kind)
        jsonschema.Draft202012Validator.check_schema(published)
    validator = jsonschema.Draft202012Validator(json.loads((built / "schemas/pole.json").read_text()))
    assert list(validator.iter_errors({"nom": "X", "date_maj": "2026-11-23", "code_postal": "01600"})) == []
    assert list(
        validator.iter_errors({"nom": "X", "date_maj": "2026-11-23", "adress": "1 rue"})
    )  # unknown key
    assert list(
        validator.iter_errors({"nom": "X", "date_maj": "2026-11-23", "code_postal": 1600})
    )  # integer postcode
