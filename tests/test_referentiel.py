"""The référentiel tree (data/referentiel.yml) is the single source of /ptce/referentiel/, of the tool and of
the profiles: its published anchors, its wording, its fidelity to annex 3 of the 2013 plan."""

from __future__ import annotations

import copy
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
from conftest import ROOT

from ptce.records import referentiel
from ptce.records.models import IndicateursProfil, ObjectifsProfil, Typologie
from ptce.records.sourcefile import read_file
from ptce.render import referentiel as pages

SEEDS = ROOT.parent / "shared" / "seeds"
PAGE = ROOT / "docs/ptce/referentiel.md"


def registry() -> list[str]:
    lines = (ROOT / "data/urls-publiees.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.startswith("/ptce/referentiel/#")]


def raw() -> dict:
    return read_file(referentiel.PATH, ROOT, front_matter=False).data


@pytest.fixture(scope="module")
def ref():
    return referentiel.load()


def test_tree_has_the_plans_three_levels(ref):
    """3 general objectives, 9 principal ones lettered a to i, 27 indicator slots of which 18 labels."""
    assert [g.cle for g in ref.generaux] == ["territoire", "cooperations", "dynamique-economique"]
    assert [o.lettre for o in ref.objectifs] == list("abcdefghi")
    assert [i.numero for i in ref.indicateurs] == list(range(1, 28))
    assert len(ref.notables) == 18
    assert ref.indicateur(10).copie_de == 5 and not ref.indicateur(10).restitue
    assert all(not ref.indicateur(n).restitue for n in range(20, 28))


@pytest.mark.donnees
def test_every_published_anchor_is_made_from_the_tree(ref):
    """#objectif-a… and #indicateur-01… are registered addresses: the tree makes each one, and no other."""
    made = {f"/ptce/referentiel/#{o.anchor}" for o in ref.objectifs}
    made |= {f"/ptce/referentiel/#{i.anchor}" for i in ref.indicateurs}
    assert made == set(registry())
    sections = pages.objectives(ref) + pages.indicators(ref)
    ids = re.findall(r"\{: #([a-z0-9-]+) \}", sections)
    assert sorted(ids) == sorted(u.split("#")[1] for u in registry())


def test_page_reads_the_tree_and_keeps_its_caveats():
    """The page calls the tree's macros instead of copying it; the uncertainty stays written out."""
    text = PAGE.read_text(encoding="utf-8")
    for macro in ("referentiel_objectifs_generaux()", "referentiel_objectifs()", "referentiel_indicateurs()"):
        assert "{{ " + macro + " }}" in text
    assert "### " not in text  # no hand-written objective or indicator left
    assert "L'annexe ne rattache aucun objectif principal à un objectif général." in text
    assert "Voisinage ne vaut pas rattachement" in text


def _html(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=["attr_list"])


def test_sections_say_what_the_source_gives_and_no_more(ref):
    objectives = _html(pages.objectives(ref))
    assert (
        "Objectif général : non indiqué (hypothèse : territoire). En regard : "
        '<a href="#indicateur-01">1</a>.' in objectives
    )
    assert "(hypothèse incertaine : territoire ou coopérations)" in objectives
    indicators = _html(pages.indicators(ref))
    assert (
        '<h3 id="indicateur-10">Indicateur 10 — libellé répété (copie de l\'indicateur 5)</h3>' in indicators
    )
    assert "le vrai libellé n'est <strong>pas restitué par la source</strong>" in indicators
    assert '<h3 id="indicateur-27">Indicateur 27 — non restitué par la source</h3>' in indicators
    assert "Sigle « BS » non expliqué." in indicators
    # indicators 1 to 9 and 11 to 15 face an objective: each such attachment is uncertain
    assert indicators.count(", incertain.") == 14


def test_a_label_renamed_once_changes_everywhere():
    """Rename indicator 1 in the data: the page, the questionnaire and the tool's data all follow."""
    data = copy.deepcopy(raw())
    data["indicateurs"][0]["libelle"] = "disposer d'un lieu commun renommé"
    renamed = referentiel.parse(data)
    page = pages.indicators(renamed)
    form = pages.questionnaire(renamed, "../../ptce/referentiel/", "../../assets")
    tool = pages.tool_data(renamed)
    for text in (page, form, str(tool)):
        assert "lieu commun renommé" in text
        assert "disposer d'un lieu identifié et accessible" not in text.replace("&#x27;", "'")


def test_model_fields_come_from_the_tree(ref):
    """The profile's fields are the tree's letters and numbers, described by their labels."""
    assert list(ObjectifsProfil.model_fields) == [o.lettre for o in ref.objectifs]
    assert list(IndicateursProfil.model_fields) == [i.id for i in ref.notables]
    assert "10" not in IndicateursProfil.model_fields and "20" not in IndicateursProfil.model_fields
    assert ref.indicateur(14).libelle in IndicateursProfil.model_fields["14"].description
    assert ref.objectif("f").intitule in ObjectifsProfil.model_fields["f"].description
    assert list(Typologie.model_fields) == [a.cle for a in ref.typologie]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["indicateurs"][0].update(objectif="z"), "objectif « z » inconnu"),
        (lambda d: d["indicateurs"].pop(3), "sans trou ni doublon"),
        (lambda d: d["indicateurs"][21].update(libelle="inventé"), "pas de libellé propre"),
        (lambda d: d["objectifs"][0].update(hypotheses=["nulle-part"]), "hypothèses à choisir parmi"),
        (lambda d: d["echelle"].pop(0), "échelle"),
        (lambda d: d["typologie"][0].update(valeurs={"Urbain": "pôle urbain"}), "axe milieu"),
    ],
)
def test_a_broken_tree_stops_with_a_french_message(change, message):
    data = copy.deepcopy(raw())
    change(data)
    with pytest.raises(referentiel.ReferentielError, match=re.escape(message)):
        referentiel.parse(data)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.replace("œ", "oe")).split())


def _annex() -> str:
    plan = next(
        (p for p in sorted(SEEDS.glob("*.txt")) if "ANNEXE 3 : REFERENTIEL" in p.read_text("utf-8")), None
    )
    if plan is None:
        pytest.skip(f"sources absentes ({SEEDS}) : la fidélité à l'annexe 3 se vérifie là où elles sont")
    return plan.read_text("utf-8").split("ANNEXE 3 : REFERENTIEL", 2)[-1]


def test_every_label_is_the_annexs_own(ref):
    """Never an invented indicator: each label and objective is a line of annex 3 (case, accents,
    punctuation aside), in the same order; the line the page calls a copy does repeat indicator 5."""
    annex = _annex()
    cells = [_fold(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<p>(.*?)</p>", annex)]
    labels = [_fold(i.libelle) for i in ref.notables]
    found = [cells.index(label) for label in labels]
    assert found == sorted(found)
    for o in ref.objectifs:
        assert _fold(o.intitule) in cells, o.lettre
    assert cells.count(_fold(ref.indicateur(5).libelle or "")) == 2
    plan = annex + "".join(p.read_text("utf-8") for p in SEEDS.glob("*.txt"))
    for g in ref.generaux:
        assert _fold(f"{g.theme} {g.intitule}") in _fold(plan), g.cle
    assert (
        "pôles urbains ou rural, filière de production ou multi-activités, lieu commun et/ou réseau "
        "territorial" in plan.replace("\n", " ")
    )


def test_data_file_is_where_the_loader_reads():
    assert referentiel.PATH == ROOT / "data" / "referentiel.yml"
    assert Path(referentiel.PATH).is_file()
