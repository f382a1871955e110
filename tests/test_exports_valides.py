"""Published data files checked by tools this project did not write, on the built site.

JSON exports against the schema each one names (jsonschema, the schema fetched from the
built site by its URL), poles.csv against its Table Schema (frictionless), every Atom feed
(feedparser), and the generated reference pages read as a visitor sees them.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

pytestmark = pytest.mark.build

SITE_URL = "https://ptce.fr/"  # site_url of mkdocs.yml
ATOM = "{http://www.w3.org/2005/Atom}feed"
_MISSING = "{} is not installed in .venv (make test installs it from requirements.txt)"


def _local(site: Path, url: str) -> Path:
    """The built file that answers url, as a static server would."""
    assert url.startswith(SITE_URL), f"{url} is not on the site"
    path = site / urlsplit(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def _validator(site: Path, url: str):
    jsonschema = pytest.importorskip("jsonschema", reason=_MISSING.format("jsonschema"))
    from referencing import Registry, Resource

    def retrieve(uri: str):
        return Resource.from_contents(json.loads(_local(site, uri).read_text(encoding="utf-8")))

    schema = json.loads(_local(site, url).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    assert schema.get("$id") == url, "a published schema says where it lives"
    return cls(schema, registry=Registry(retrieve=retrieve), format_checker=cls.FORMAT_CHECKER)


def _json_exports(site: Path) -> dict[str, dict]:
    files = sorted(p for p in (site / "donnees").iterdir() if p.suffix in (".json", ".geojson"))
    assert files
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in files}


def _is_table_schema(doc: dict) -> bool:
    return "fields" in doc and str(doc.get("$schema", "")).startswith("https://specs.frictionlessdata.io/")


def _failing_items(validator, doc: dict) -> dict[str, int]:
    """Errors by top-level key, then item index: how many records fail, per list."""
    bad: dict[str, set] = {}
    for error in validator.iter_errors(doc):
        path = list(error.absolute_path)
        bad.setdefault(str(path[0]) if path else "(document)", set()).add(path[1] if len(path) > 1 else None)
    return {key: len(items) for key, items in bad.items()}


def test_every_json_export_validates_against_the_schema_it_names(built):
    checked = {}
    for name, doc in _json_exports(built).items():
        if _is_table_schema(doc):
            continue  # poles.schema.json describes poles.csv: see the frictionless test
        assert isinstance(doc.get("schema"), str), f"{name} names no schema"
        validator = _validator(built, doc["schema"])
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(doc)
        ]
        assert errors == [], f"{name}: {_failing_items(validator, doc)} failing, e.g. {errors[:5]}"
        checked[name] = doc["schema"]
    assert {"poles.json", "evenements.json"} <= set(checked)
    # Each export has a schema of its own, not the schema of the source fiches.
    fiche_schemas = {f"{SITE_URL}schemas/{kind}.json" for kind in ("pole", "evenement")}
    assert not set(checked.values()) & fiche_schemas
    assert len(set(checked.values())) == len(checked)


def test_export_schemas_reject_what_the_exports_never_hold(built):
    """The schemas are not vacuous: a changed record fails them."""
    exports = _json_exports(built)
    poles, events = exports["poles.json"], exports["evenements.json"]
    pole_validator, event_validator = _validator(built, poles["schema"]), _validator(built, events["schema"])
    pole = next(p for p in poles["poles"] if "latitude" in p and p.get("statuts"))
    event = next(e for e in events["evenements"] if "position" in e)

    def fails(validator, doc, key, item, change):
        broken = copy.deepcopy(doc)
        record = broken[key][0] = copy.deepcopy(item)
        change(record)
        return list(validator.iter_errors(broken)) != []

    assert not fails(pole_validator, poles, "poles", pole, lambda r: None)
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.pop("identifiant"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.pop("url"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.update(colonne_inconnue="x"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.update(latitude="45,9"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.update(code_postal="1400"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r["statuts"][0].update(date="2013-13-45x"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.update(thematiques="emploi"))
    assert fails(pole_validator, poles, "poles", pole, lambda r: r.update(origine_coordonnees="devinée"))
    assert fails(event_validator, events, "evenements", event, lambda r: r.pop("identifiant"))
    assert fails(event_validator, events, "evenements", event, lambda r: r["position"].update(lat="nord"))
    assert fails(event_validator, events, "evenements", event, lambda r: r.update(debut="5 juillet 2017"))
    assert fails(event_validator, events, "evenements", event, lambda r: r.update(inconnu=1))


def test_poles_csv_is_valid_for_frictionless(built, tmp_path):
    frictionless = pytest.importorskip("frictionless", reason=_MISSING.format("frictionless"))
    folder = built / "donnees"
    descriptor = json.loads((folder / "poles.schema.json").read_text(encoding="utf-8"))
    assert descriptor["path"] == f"{SITE_URL}donnees/poles.csv"
    assert frictionless.validate(descriptor, type="schema").valid

    def report(base: Path):
        resource = frictionless.Resource(
            path="poles.csv", basepath=str(base), schema=frictionless.Schema.from_descriptor(descriptor)
        )
        result = resource.validate()
        return result, [f"{e.type}: {e.message}" for task in result.tasks for e in task.errors]

    result, errors = report(folder)
    assert errors == [] and result.valid
    assert result.tasks[0].stats["rows"] == len(_json_exports(built)["poles.json"]["poles"])
    # The same check sees a postal code that lost its leading zero.
    text = (folder / "poles.csv").read_text(encoding="utf-8")
    broken = re.sub(r",0(\d{4}),", r",\1,", text, count=1)
    assert broken != text
    (tmp_path / "poles.csv").write_text(broken, encoding="utf-8")
    assert any(e.startswith("constraint-error") for e in report(tmp_path)[1])


def _feeds(site: Path) -> list[Path]:
    from lxml import etree

    return [p for p in sorted(site.rglob("*.xml")) if etree.parse(str(p)).getroot().tag == ATOM]


def test_every_atom_feed_reads_cleanly_in_feedparser(built):
    feedparser = pytest.importorskip("feedparser", reason=_MISSING.format("feedparser"))
    feeds = _feeds(built)
    names = {p.relative_to(built).as_posix() for p in feeds}
    assert {"agenda/atom.xml", "actualites/atom.xml"} <= names
    for path in feeds:
        rel = path.relative_to(built).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{rel}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", rel
        assert parsed.feed.get("language") == "fr", rel
        assert parsed.feed.get("title") and parsed.feed.get("updated_parsed"), rel
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [SITE_URL + rel], rel
        assert parsed.entries, f"{rel} has no entry"
        for entry in parsed.entries:
            for key in ("title", "updated_parsed", "summary"):
                assert entry.get(key), (rel, entry.get("id"), key)
            links = [link.href for link in entry.links] + [entry.id]
            for url in links:
                assert url.startswith(SITE_URL), (rel, url)  # absolute, and on this site
                assert _local(built, urldefrag(url).url).is_file(), (rel, url)


def _article(site: Path, url: str):
    from lxml import html

    tree = html.fromstring(_local(site, SITE_URL + url).read_bytes())
    found = tree.xpath('//article[contains(@class, "md-content__inner")]')
    assert len(found) == 1, url
    return found[0]


def _text(node) -> str:
    """Visible text, spaces collapsed, apostrophes as typed (the pages may curl them)."""
    return " ".join(node.text_content().replace("¶", " ").replace("\u2019", "'").split())


def test_no_page_skips_a_heading_level(built):
    """A heading is at most one level below the one before it (an h2 then an h4 misleads screen-reader users),
    on the generated reference pages (/donnees/, /contribuer/champs/) as on every other page."""
    from lxml import html

    pages = sorted(built.rglob("index.html"))
    names = {p.relative_to(built).as_posix() for p in pages}
    assert {"donnees/index.html", "contribuer/champs/index.html"} <= names
    jumps = {}
    for page in pages:
        found = html.fromstring(page.read_bytes()).xpath('//article[contains(@class, "md-content__inner")]')
        levels = [int(h.tag[1]) for node in found for h in node.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        if any(b > a + 1 for a, b in itertools.pairwise(levels)):
            jumps[page.relative_to(built).parent.as_posix()] = levels
    assert jumps == {}


def _flat(text: str) -> str:
    return " ".join(text.split())


def _descriptions(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in _descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in _descriptions(value)]
    return []


def _shown_as_written(article, descriptions: list[str]) -> list[str]:
    """Descriptions the page does not show literally, with their `code` spans as <code>."""
    text = _text(article)
    codes = {_flat(c.text_content()) for c in article.iter("code")}
    return [
        d
        for d in descriptions
        if _flat(d.replace("`", "")) not in text or not set(re.findall(r"`([^`]+)`", d)) <= codes
    ]


def test_donnees_page_shows_column_descriptions_literally(built):
    """What the Table Schema says of each column is what the page shows, character for character."""
    article = _article(built, "donnees/")
    table = json.loads((built / "donnees/poles.schema.json").read_text(encoding="utf-8"))
    assert _shown_as_written(article, [f["description"] for f in table["fields"]]) == []
    text = _text(article)
    assert "data/poles/<identifiant>.md" in text and "« | »" in text
    assert "`" not in text, "a Markdown code span shown with its backticks"


def test_field_reference_shows_every_description_with_its_code_as_code(built):
    article = _article(built, "contribuer/champs/")
    for kind in ("pole", "evenement", "chapitre"):
        schema = json.loads((built / "schemas" / f"{kind}.json").read_text(encoding="utf-8"))
        descriptions = _descriptions(schema.get("properties", {})) + _descriptions(schema.get("$defs", {}))
        assert descriptions and _shown_as_written(article, descriptions) == [], kind
    assert "`" not in _text(article), "a Markdown code span shown with its backticks"
