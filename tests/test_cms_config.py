"""The web editor's configuration (/admin/config.yml) against the models it is generated from.

The expected fields are found here by walking the pydantic models, not by asking ptce/authoring/cms.py:
a field added to a model and missing from the editor, or an editor field the model does not know, fails.
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from ptce.authoring import cms
from ptce.records import fields
from ptce.records.kinds import BY_FOLDER
from ptce.records.models import EntreeStatut, Responsable

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = yaml.safe_load((ROOT / "data" / "vocabulaires.yml").read_text(encoding="utf-8"))
SOURCES = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
REPO_URL = "https://github.com/ptce-fr/ptce.fr"


@pytest.fixture(scope="module")
def conf():
    text = cms.config_yaml(
        cms.config(VOCABULARIES, SOURCES, "ptce-fr/ptce.fr", "https://ptce.fr/", "2026-12-01")
    )
    return yaml.safe_load(text)  # what the CMS reads: the YAML, not the dict


def collection(conf, folder: str) -> dict:
    return next(c for c in conf["collections"] if c["folder"] == f"data/{folder}")


def block_of(annotation) -> type[BaseModel] | None:
    """The model inside a field's type (a block, an optional block, a list of blocks), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = block_of(arg)
        if found:
            return found
    return None


def walk(model: type[BaseModel], editor_fields: list[dict], where: str, problems: list[str]) -> int:
    """Compare one level both ways, then each block's fields; returns how many model fields were seen."""
    by_name = {f["name"]: f for f in editor_fields}
    seen = 0
    for name, info in model.model_fields.items():
        seen += 1
        field = by_name.get(name)
        if field is None:
            problems.append(f"{where}{name} : absent de l'éditeur")
            continue
        if field["required"] != info.is_required():
            problems.append(f"{where}{name} : obligatoire {info.is_required()} dans le modèle")
        if info.description and field.get("hint") != info.description:
            problems.append(f"{where}{name} : l'aide n'est pas la description du modèle")
        if not field.get("label"):
            problems.append(f"{where}{name} : sans libellé")
        block = block_of(info.annotation)
        if block is not None:
            if "fields" not in field:
                problems.append(f"{where}{name} : bloc {block.__name__} sans ses champs")
            else:
                seen += walk(block, field["fields"], f"{where}{name}.", problems)
    for name in set(by_name) - set(model.model_fields) - {"body"}:
        problems.append(f"{where}{name} : champ de l'éditeur inconnu du modèle {model.__name__}")
    return seen


def test_every_model_field_is_in_the_editor_and_every_editor_field_in_the_model(conf):
    problems: list[str] = []
    seen = 0
    folders = [c["folder"].removeprefix("data/") for c in conf["collections"]]
    assert {"poles", "events"} <= set(folders)
    for folder in folders:
        seen += walk(BY_FOLDER[folder].model, collection(conf, folder)["fields"], f"{folder} : ", problems)
    assert problems == []
    assert seen > 100  # the nested blocks were walked, not only the first level


def test_each_collection_is_the_data_folder_in_markdown_with_its_body(conf):
    for c in conf["collections"]:
        assert (c["format"], c["extension"], c["create"]) == ("frontmatter", "md", True)
        assert (ROOT / c["folder"]).is_dir()
        body = [f for f in c["fields"] if f["name"] == "body"]
        assert body and body[0]["widget"] == "markdown"


def test_nested_lists_are_list_widgets_with_their_sub_fields(conf):
    poles, events = collection(conf, "poles")["fields"], collection(conf, "events")["fields"]
    by = {f["name"]: f for f in poles}
    for name, model in (("statuts", EntreeStatut), ("responsables", Responsable)):
        assert by[name]["widget"] == "list"
        assert {f["name"] for f in by[name]["fields"]} == set(model.model_fields)
    programme = next(f for f in events if f["name"] == "programme")
    assert programme["widget"] == "list"
    speakers = next(f for f in programme["fields"] if f["name"] == "intervenants")
    assert speakers["widget"] == "list" and {f["name"] for f in speakers["fields"]} >= {"nom", "role"}


def metadata_of(tp) -> list:
    """Every Annotated metadata in a type, through Optional and list."""
    return [*getattr(tp, "__metadata__", ()), *(m for arg in typing.get_args(tp) for m in metadata_of(arg))]


def _vocabulary_fields(model: type[BaseModel], editor_fields: list[dict]):
    """(section of data/vocabulaires.yml, editor field) for every vocabulary field, recursively."""
    by_name = {f["name"]: f for f in editor_fields}
    for name, info in model.model_fields.items():
        section = fields.vocabulary_of(metadata_of(fields.declared_type(info)))
        if section:
            yield section, by_name[name]
        block = block_of(info.annotation)
        if block is not None:
            yield from _vocabulary_fields(block, by_name[name]["fields"])


def test_vocabulary_fields_are_select_lists_of_exactly_the_vocabulary(conf):
    sections = set()
    for c in conf["collections"]:
        model = BY_FOLDER[c["folder"].removeprefix("data/")].model
        for section, field in _vocabulary_fields(model, c["fields"]):
            sections.add(section)
            assert field["widget"] == "select", field["name"]
            assert [o["value"] for o in field["options"]] == list(VOCABULARIES[section]), field["name"]
            assert [o["label"] for o in field["options"]] == [
                v["libelle"] for v in VOCABULARIES[section].values()
            ]
    assert {"statuts", "types", "thematiques", "types_evenement", "types_session"} <= sections
    themes = next(f for f in collection(conf, "poles")["fields"] if f["name"] == "thematiques")
    assert themes["multiple"] is True


def test_sources_are_chosen_among_data_sources(conf):
    sources = next(f for f in collection(conf, "poles")["fields"] if f["name"] == "sources")
    assert sources["widget"] == "select" and sources["multiple"] is True
    assert [o["value"] for o in sources["options"]] == list(SOURCES)


def test_postal_code_pattern_accepts_five_digits_only(conf):
    for fields_ in (collection(conf, "poles")["fields"], _sub(collection(conf, "events")["fields"], "lieu")):
        code = next(f for f in fields_ if f["name"] == "code_postal")
        pattern, message = code["pattern"]
        assert "postal" in message
        # Sveltia and Decap test the pattern with JavaScript's RegExp; \d and {5} mean the same in Python.
        for ok in ("26100", "01600", "97110"):
            assert re.search(pattern, ok), ok
        for bad in ("2610", "261000", "26 100", "1600"):
            assert not re.search(pattern, bad), bad


def _sub(editor_fields, name):
    return next(f for f in editor_fields if f["name"] == name)["fields"]


def test_french_labels_and_interface(conf):
    poles = {f["name"]: f for f in collection(conf, "poles")["fields"]}
    assert poles["code_postal"]["label"] == "Code postal"
    assert poles["telephone"]["label"] == "Téléphone"
    assert collection(conf, "poles")["label"] == "Pôles"
    assert "Nouvelle fiche" in conf["backend"]["commit_messages"]["create"]


def test_backend_is_the_github_repository_with_a_pull_request_per_entry(conf):
    assert conf["backend"]["name"] == "github"
    assert conf["backend"]["repo"] == "ptce-fr/ptce.fr"
    assert conf["backend"]["branch"] == "main"
    assert conf["publish_mode"] == "editorial_workflow"
    assert conf["backend"]["auth_methods"] == ["token"]  # GitHub Pages hosts no OAuth relay
    assert conf["media_folder"] == "data/medias"


def test_repo_is_read_from_repo_url():
    assert cms.github_repo(REPO_URL) == "ptce-fr/ptce.fr"
    assert cms.github_repo(REPO_URL + ".git") == "ptce-fr/ptce.fr"
    assert cms.github_repo(REPO_URL + "/") == "ptce-fr/ptce.fr"
    assert cms.github_repo("https://gitlab.com/ptce-fr/ptce.fr") is None
    assert cms.github_repo(None) is None


def test_new_fiche_is_dated_of_the_build(conf):
    date = next(f for f in collection(conf, "poles")["fields"] if f["name"] == "date_maj")
    assert date["default"] == "2026-12-01"


def test_configuration_follows_the_cms_schema(conf):
    """The JSON Schema Sveltia CMS publishes with its package: a misspelt widget or option fails here."""
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = cms.package_dir(ROOT) / "schema" / "sveltia-cms.json"
    if not schema_file.is_file():
        pytest.skip(f"node_modules/{cms.PACKAGE} absent : « make tools » (npm ci) l'installe")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    errors = [
        f"{list(e.absolute_path)} {e.message[:200]}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(conf)
    ]
    assert errors == []
    broken = json.loads(json.dumps(conf))
    broken["collections"][0]["fields"][0]["required"] = "oui"
    broken["publish_mode"] = "editorial"
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(broken))) == 2  # the schema does check


def test_without_the_npm_package_the_site_is_built_without_editor_and_says_so(tmp_path):
    warnings: list[str] = []
    out = list(
        cms.outputs(tmp_path, VOCABULARIES, SOURCES, REPO_URL, "https://ptce.fr/", None, warnings.append)
    )
    assert out == []
    assert len(warnings) == 1 and "non publié" in warnings[0] and "npm ci" in warnings[0]


def test_without_a_github_repository_the_site_is_built_without_editor_and_says_so():
    warnings: list[str] = []
    out = list(
        cms.outputs(ROOT, VOCABULARIES, SOURCES, "https://exemple.org/depot", "", None, warnings.append)
    )
    assert out == [] and "GitHub" in warnings[0]


def test_the_editor_files_come_from_the_site_never_a_cdn():
    if not (cms.package_dir(ROOT) / "package.json").is_file():
        pytest.skip(f"node_modules/{cms.PACKAGE} absent : « make tools » (npm ci) l'installe")
    warnings: list[str] = []
    out = dict(cms.outputs(ROOT, VOCABULARIES, SOURCES, REPO_URL, "https://ptce.fr/", None, warnings.append))
    assert warnings == []
    assert {"admin/index.html", "admin/config.yml", "admin/sveltia-cms.js", "admin/fr.json"} <= set(out)
    assert all(path.startswith("admin/") for path in out)
    page = out["admin/index.html"]
    assert '<html lang="fr">' in page and 'name="robots" content="noindex"' in page
    for host in ("unpkg.com", "jsdelivr", "cdnjs"):
        assert host not in page and host not in out["admin/demarrer.js"]
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "https://" not in directives["font-src"]
    assert set(re.findall(r"https://[\w.]+", directives["connect-src"])) == {"https://api.github.com"}
    assert all(
        isinstance(v, Path) and v.is_file()
        for k, v in out.items()
        if k.endswith((".js", ".woff2")) and k != "admin/demarrer.js"
    )


def test_strings_a_yaml_1_2_reader_would_take_for_numbers_stay_strings(conf):
    """The CMS reads YAML 1.2, where a bare 08 or 1_000 is a number: PyYAML (1.1) would leave them bare."""
    text = cms.config_yaml({"a": "08", "b": "0o7", "c": "1_000", "d": "01", "e": "true", "f": "12 rue"})
    for value in ("08", "0o7", "1_000", "01", "true"):
        assert f'"{value}"' in text, value
    assert "f: 12 rue" in text
    real = cms.config_yaml(conf)
    assert re.findall(r"^\s*(?:- )?(?:name|value|label): [-+.\d]", real, re.MULTILINE) == []


def test_a_site_built_without_npm_keeps_its_link_to_the_editor_and_passes(tmp_path, monkeypatch):
    """make serve and make build need only Python: without node_modules the editor is left out, said in
    the log, and the link to it on /contribuer/ is not a broken link that stops the strict build."""
    from ptce import site

    monkeypatch.setenv("PTCE_SANS_RECHERCHE", "1")
    root, built = tmp_path / "depot", tmp_path / "site"
    (root / "data").mkdir(parents=True)
    (built / "contribuer").mkdir(parents=True)
    (built / "contribuer" / "index.html").write_text(
        '<a href="https://ptce.fr/admin/">éditeur</a><a href="../absente/">x</a>', encoding="utf-8"
    )
    problems = site.after_build(root, built, "https://ptce.fr/")
    assert problems == ["contribuer/index.html : lien cassé vers « ../absente/ » (fichier absent du site)"]
    (root / "node_modules" / "@sveltia" / "cms").mkdir(parents=True)  # with the package: a real check
    assert len(site.after_build(root, built, "https://ptce.fr/")) == 2
