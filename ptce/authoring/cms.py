"""The web editor at /admin/: Sveltia CMS, its configuration generated from the models.

Chosen over Decap CMS on measurements (docs/a-propos/editeur-web.md): it signs in to GitHub with a
personal access token, so GitHub Pages needs no OAuth relay, and it opens a pull request per entry
(editorial workflow), from the contributor's fork when they cannot push (open authoring).

`config()` is pure: every field of each edited kind (ptce/records/kinds.py), recursively, with its
French label, its description as hint, whether it is required, the allowed values of a vocabulary
field (data/vocabulaires.yml) or a source (data/sources.yml) as a select list and the pattern of its
field type (ptce/records/fields.py FieldKind). A hand-written configuration drifts from the models;
this one cannot, and tests/test_cms_config.py walks the models to hold it to them.

`outputs()` adds the editor's files to the site plan: the page, the configuration and the CMS's own
files copied from node_modules (npm, exact version in package.json; never a CDN).
"""

from __future__ import annotations

import json
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ptce.records import fields
from ptce.records.kinds import BY_KEY
from ptce.records.medias import FOLDER as MEDIA_FOLDER

PACKAGE = "@sveltia/cms"
FOLDER = "admin"  # the editor's address: /admin/
SCRIPT = "dist/sveltia-cms.js"  # the whole editor in one file (its source map is left out)
UI_LANGUAGE = "fr"
# The CMS's fonts, served by the site instead of cdn.jsdelivr.net: family -> (file name in the package's
# npm/assets/ up to its hash, CSS descriptors as the CMS declares them, licence file).
FONTS = {
    "Source Sans 3": (
        "source-sans-3-latin-wght-normal-",
        "font-display:swap;font-weight:200 900;size-adjust:110%",
        "source-sans-3.LICENSE.txt",
    ),
    "Noto Mono": (
        "noto-mono-latin-400-normal-",
        "font-display:swap;font-weight:400",
        "noto-mono.LICENSE.txt",
    ),
    "Material Symbols Outlined": (
        "material-symbols-outlined-latin-wght-normal-",
        "font-display:block;font-weight:400",
        "material-symbols-outlined.LICENSE.txt",
    ),
}

# The kinds the editor offers, with the plural its menu shows. Chapters are written by the toolkit's
# maintainers in Markdown with their own checks (ptce/records/chapter_check.py), not here.
EDITED = {"pole": "Pôles", "evenement": "Événements", "ressource": "Ressources", "actualite": "Actualités"}
TITLE_FIELD = {"pole": "nom", "evenement": "titre", "ressource": "titre", "actualite": "titre"}
# A list of names of other fiches: chosen among the fiches of that kind.
RELATIONS = {"poles": "pole", "evenements": "evenement", "ressources": "ressource"}
# What the "Ajouter …" button of a list adds.
SINGULARS = {
    "statuts": "statut",
    "responsables": "responsable",
    "programme": "session",
    "animateurs": "animateur",
    "intervenants": "intervenant",
    "organisateurs": "organisateur",
    "financeurs": "financeur",
    "documents": "document",
    "auteurs": "auteur",
}
TODAY_FIELDS = ("date_maj",)  # filled with the build date in a new fiche, as scripts/nouveau_pole.py does

# French labels: the field name with its accents and apostrophes; (model, field) first for a name that
# means two things. Any name not listed reads as itself, capitalised, underscores as spaces.
LABELS = {
    "acces": "Accès",
    "ancienne_region": "Ancienne région (avant 2016)",
    "code_insee": "Code INSEE",
    "coordonnees": "Coordonnées GPS",
    "date_limite": "Date limite",
    "date_maj": "Date de vérification",
    "debut": "Début",
    "departement": "Département",
    "en_ligne": "En ligne",
    "evenements": "Événements",
    "jusqu_a": "Jusqu'à",
    "lat": "Latitude",
    "lon": "Longitude",
    "media": "Média",
    "modalites": "Modalités",
    "nom_inconnu": "Nom inconnu",
    "perimetre": "Périmètre",
    "poles": "Pôles",
    "region": "Région",
    "reserve": "Réserve",
    "role": "Rôle",
    "site_web": "Site web",
    "statuts": "Statuts (historique)",
    "structure_porteuse": "Structure porteuse",
    "telephone": "Téléphone",
    "thematiques": "Thématiques",
    ("Responsable", "public"): "Coordonnées publiables",
    ("Evenement", "public"): "Public visé",
}
BODY = {
    "label": "Texte de la fiche",
    "name": "body",
    "widget": "markdown",
    "required": False,
    "hint": "Présentation en quelques paragraphes, avec vos mots ; citez les sources dans le champ Sources.",
}
COMMIT_MESSAGES = {
    "create": "Nouvelle fiche : {{collection}} « {{slug}} »",
    "update": "Mise à jour : {{collection}} « {{slug}} »",
    "delete": "Suppression : {{collection}} « {{slug}} »",
    "uploadMedia": "Nouvelle image : « {{path}} »",
    "deleteMedia": "Suppression d'image : « {{path}} »",
    "openAuthoring": "{{message}}",
}


def label(model: type[BaseModel], name: str, description: str | None = None) -> str:
    """LABELS, else the name as words, spelt as the description spells it when it starts with it
    (« Activité : … » for activite); a name of one or two characters (an indicator's « 01 ») takes the
    description's opening words."""
    listed = LABELS.get((model.__name__, name)) or LABELS.get(name)
    if listed:
        return listed
    words = name.replace("_", " ").capitalize()
    head = (description or "").split(" : ", 1)[0].strip()
    if head and _fold(head) == _fold(words):
        return head[0].upper() + head[1:]
    if len(name) <= 2 and description:
        text = head if head != description.strip() else description.strip().rstrip(".")
        return text[0].upper() + text[1:]
    return words


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def github_repo(repo_url: str | None) -> str | None:
    """owner/name from mkdocs.yml's repo_url, or None when it is not a GitHub repository."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?", (repo_url or "").strip())
    return match.group(1) if match else None


def config(
    vocabularies: Mapping[str, Mapping],
    sources: Mapping[str, Mapping],
    repo: str,
    site_url: str,
    today: str | None = None,
    branch: str = "main",
) -> dict:
    """The editor's configuration, from the models of ptce/records/models.py (see the module doc)."""
    field_of = _Fields(vocabularies, sources, today)
    return {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": branch,
            # Sign-in with a personal access token: OAuth would need a relay server (GitHub Pages has none).
            "auth_methods": ["token"],
            "open_authoring": True,  # no write access: the entry is proposed from the contributor's fork
            "auth_scope": "public_repo",  # the repository is public: no access to the contributor's others
            "commit_messages": COMMIT_MESSAGES,
        },
        "publish_mode": "editorial_workflow",  # one pull request per entry, reviewed before it is published
        "site_url": site_url,
        "app_title": "Éditeur de ptce.fr",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "medias",  # bodies write ![description](medias/nom.jpg)
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-", "maxlength": 80},
        # An empty optional field is left out of the file, never written as "" (the validator refuses it).
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            {
                "name": BY_KEY[key].folder,
                "label": plural,
                "label_singular": BY_KEY[key].label,
                "folder": f"data/{BY_KEY[key].folder}",
                "extension": "md",
                "format": "frontmatter",
                "create": True,
                "slug": "{{" + TITLE_FIELD[key] + "}}",  # the file name is the page's address
                "identifier_field": TITLE_FIELD[key],
                "editor": {"preview": False},
                "fields": [*field_of.model(BY_KEY[key].model), BODY],
            }
            for key, plural in EDITED.items()
        ],
    }


def config_yaml(conf: dict) -> str:
    """The configuration as the CMS reads it; the last one is remembered (`make serve` asks on every save
    for the same text, whose writing takes longer than the rest of /admin/)."""
    key = json.dumps(conf, sort_keys=True, default=str)
    if _last_config[0] != key:
        text = yaml.dump(conf, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
        _last_config[:] = [key, CONFIG_HEAD + text]
    return _last_config[1]


CONFIG_HEAD = (
    "# Generated from ptce/records/models.py by ptce/authoring/cms.py: edit the models, not this file.\n"
)
_last_config = ["", ""]


# What a YAML 1.2 reader (the CMS's) takes for a number or a boolean: such strings are quoted, where
# PyYAML (YAML 1.1) would leave 08, 0o7 or 1_000 bare and the CMS would read a number.
_NOT_TEXT = re.compile(
    r"[-+]?(\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0x[\da-fA-F]+|0o[0-7]+|\.inf|\.nan)"
    r"|true|false|yes|no|on|off|null|~|y|n",
    re.IGNORECASE,
)


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _NOT_TEXT.fullmatch(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


class _Fields:
    """One model field as a field of the editor, recursively for blocks and lists of blocks."""

    def __init__(self, vocabularies: Mapping, sources: Mapping, today: str | None):
        self.vocabularies, self.sources, self.today = vocabularies, sources, today

    def model(self, model: type[BaseModel]) -> list[dict]:
        return [self.field(model, name, info) for name, info in model.model_fields.items()]

    def field(self, model: type[BaseModel], name: str, info: FieldInfo) -> dict:
        out: dict[str, Any] = {"label": label(model, name, info.description), "name": name}
        out.update(self.widget(name, fields.declared_type(info)))
        if out["widget"] == "list" and name in SINGULARS:
            out["label_singular"] = SINGULARS[name]
        out["required"] = info.is_required()
        if info.description:
            out["hint"] = info.description
        if name in TODAY_FIELDS and self.today:
            out["default"] = self.today
        elif info.default not in (None, PydanticUndefined) and isinstance(info.default, (str, bool)):
            out["default"] = info.default
        return out

    def widget(self, name: str, tp: Any) -> dict:
        tp = _without_none(tp)
        base, metadata = _annotated(tp)
        if typing.get_origin(base) is list:
            return self.list_widget(name, typing.get_args(base)[0])
        if isinstance(base, type) and issubclass(base, BaseModel):
            return {"widget": "object", "collapsed": False, "fields": self.model(base)}
        return self.scalar(base, metadata)

    def list_widget(self, name: str, item: Any) -> dict:
        base, metadata = _annotated(item)
        if isinstance(base, type) and issubclass(base, BaseModel):
            return {"widget": "list", "collapsed": False, "fields": self.model(base)}
        options = self.options(base, metadata)
        if options is not None:
            return {"widget": "select", "multiple": True, "options": options}
        if name in RELATIONS and RELATIONS[name] in EDITED:
            kind = BY_KEY[RELATIONS[name]]
            title = TITLE_FIELD[kind.key]
            return {
                "widget": "relation",
                "collection": kind.folder,
                "value_field": "{{slug}}",
                "search_fields": [title],
                "display_fields": [title],
                "multiple": True,
            }
        return {"widget": "list", "field": {"label": "Valeur", "name": name, **self.scalar(base, metadata)}}

    def scalar(self, base: Any, metadata: tuple) -> dict:
        options = self.options(base, metadata)
        if options is not None:
            return {"widget": "select", "options": options}
        if base is bool:
            return {"widget": "boolean"}
        out: dict[str, Any]
        if base in (int, float):
            out = {"widget": "number", "value_type": base.__name__}
            for m in metadata:  # the bounds the published JSON Schema gives (a level of 1 to 4)
                bounds = getattr(m, "json_schema", None) or {}
                out |= {k: bounds[b] for k, b in (("min", "minimum"), ("max", "maximum")) if b in bounds}
            return out
        kind = fields.field_kind(metadata)
        out = {"widget": kind.widget if kind else "string"}
        if kind and kind.pattern:
            out["pattern"] = [kind.pattern, f"Format attendu : {kind.label}."]
        return out

    def options(self, base: Any, metadata: tuple) -> list[dict] | None:
        """The allowed values of a vocabulary, source or fixed-choice field, with their French labels."""
        section = fields.vocabulary_of(metadata)
        if section is not None:
            entries = self.vocabularies.get(section) or {}
            return [{"label": str((v or {}).get("libelle", k)), "value": k} for k, v in entries.items()]
        if any(getattr(m, "func", None) is fields.known_source for m in metadata):
            return [{"label": str((v or {}).get("titre", k)), "value": k} for k, v in self.sources.items()]
        if typing.get_origin(base) is Literal:
            return [{"label": v, "value": v} for v in typing.get_args(base)]
        return None


def _without_none(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def _annotated(tp: Any) -> tuple[Any, tuple]:
    if typing.get_origin(tp) is Annotated:
        base, *metadata = typing.get_args(tp)
        return base, tuple(metadata)
    return tp, ()


# The page and its loader. Sveltia CMS bundles English only and fetches other languages from
# unpkg.com; the loader puts the French strings the site serves where the CMS keeps a language it has
# downloaded, then starts the CMS. The policy lets the page reach nothing but the site and GitHub: the
# CMS's own calls to CDNs (update check, fonts) are refused by the browser, and the fonts come from
# polices.css, which the browser falls back to. The loader also gives back zooming, which the CMS turns off.
PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>Éditeur de ptce.fr</title>
<link rel="stylesheet" href="polices.css">
<script src="demarrer.js"></script>
</head>
<body>
<noscript><p>L’éditeur de fiches a besoin de JavaScript. Sans lui, proposez une fiche avec les
formulaires décrits sur la page <a href="../contribuer/">Contribuer</a>.</p></noscript>
</body>
</html>
"""
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https://avatars.githubusercontent.com",
        "connect-src 'self' data: blob: https://api.github.com",
        "font-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
)
LOADER = """// Starts the editor in French, with the strings the site serves (ptce/authoring/cms.py).
(function () {{
  var VERSION = {version};
  // The CMS forbids zooming (maximum-scale=1): a reader who enlarges text must be able to (RGAA 10.4).
  new MutationObserver(function () {{
    document.querySelectorAll('meta[name="viewport"]').forEach(function (meta) {{
      var content = meta.getAttribute("content") || "";
      var allowed = content.replace(/,\\s*(maximum-scale|user-scalable)=[^,]*/g, "");
      if (allowed !== content) meta.setAttribute("content", allowed);
    }});
  }}).observe(document.head, {{ childList: true, subtree: true, attributes: true }});
  function start() {{
    var script = document.createElement("script");
    script.src = "sveltia-cms.js";
    document.head.appendChild(script);
  }}
  try {{
    var prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{{}}") || {{}};
    if (!prefs.locale) {{
      prefs.locale = {language};
      localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
    }}
    var cached = JSON.parse(localStorage.getItem("sveltia-cms.locale") || "{{}}") || {{}};
    if (cached._locale === {language} && cached._version === VERSION) {{
      start();
      return;
    }}
  }} catch (e) {{
    start();
    return;
  }}
  fetch({language} + ".json")
    .then(function (response) {{
      return response.json();
    }})
    .then(function (strings) {{
      strings._locale = {language};
      strings._version = VERSION;
      localStorage.setItem("sveltia-cms.locale", JSON.stringify(strings));
    }})
    .catch(function () {{}})
    .then(start);
}})();
"""

Warn = Callable[[str], None]


def package_dir(root: Path) -> Path:
    return Path(root) / "node_modules" / PACKAGE


def _files(package: Path) -> dict[str, Path] | None:
    """Site path (under /admin/) -> file of the package, or None when one is missing."""
    files = {
        "sveltia-cms.js": package / SCRIPT,
        f"{UI_LANGUAGE}.json": package / "locales" / f"{UI_LANGUAGE}.json",
    }
    assets = package / "npm" / "assets"
    for prefix, _, licence in FONTS.values():
        found = sorted(assets.glob(f"{prefix}*.woff2")) if assets.is_dir() else []
        if not found:
            return None
        files[f"polices/{prefix.rstrip('-')}.woff2"] = found[0]
        files[f"polices/{licence}"] = assets / licence
    return files if all(p.is_file() for p in files.values()) else None


def fonts_css() -> str:
    return "".join(
        f"@font-face{{font-family:'{family}';font-style:normal;{descriptors};"
        f"src:url(polices/{prefix.rstrip('-')}.woff2) format('woff2')}}\n"
        for family, (prefix, descriptors, _) in FONTS.items()
    )


def outputs(
    root: Path,
    vocabularies: Mapping[str, Mapping],
    sources: Mapping[str, Mapping],
    repo_url: str | None,
    site_url: str,
    today: str | None,
    warn: Warn,
) -> Iterator[tuple[str, str | Path]]:
    """The files of /admin/: site path -> text, or the file of node_modules to copy. Without the npm
    package or a GitHub repo_url the site is published without its editor, with a French warning."""
    repo = github_repo(repo_url)
    if repo is None:
        warn(f"éditeur web (/{FOLDER}/) non publié : repo_url ({repo_url!r}) n'est pas un dépôt GitHub")
        return
    package = package_dir(root)
    files = _files(package)
    if files is None or not (package / "package.json").is_file():
        warn(
            f"éditeur web (/{FOLDER}/) non publié : le paquet npm {PACKAGE} est absent de node_modules "
            "ou incomplet (installez-le avec « npm ci »)"
        )
        return
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    yield f"{FOLDER}/index.html", PAGE.format(csp=CSP)
    yield (
        f"{FOLDER}/demarrer.js",
        LOADER.format(version=json.dumps(version), language=json.dumps(UI_LANGUAGE)),
    )
    yield f"{FOLDER}/polices.css", fonts_css()
    yield f"{FOLDER}/config.yml", config_yaml(config(vocabularies, sources, repo, site_url, today))
    for name, path in files.items():
        yield f"{FOLDER}/{name}", path
