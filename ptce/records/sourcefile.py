"""Read a contributed file into plain data, keeping the line of every field.

Contributed files are data, never code: the YAML reader below builds only
strings, lists and mappings (no tags, no anchors or aliases, no implicit
integers or dates), so `code_postal: 01600` keeps its zero and nothing a
contributor writes can construct a Python object. Typing is the models' job.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent

from ptce.records.errors import DataError
from ptce.text.characters import invisible_char

MAX_BYTES = 1_000_000
NULLS = {"", "~", "null", "Null", "NULL"}
_DELIM = re.compile(r"^---[ \t]*$")
_SURROGATE = re.compile("[\ud800-\udfff]")

Path_ = tuple  # a path inside the data: ("responsables", 0, "courriel")


@dataclass
class SourceFile:
    """A parsed file: its data, the line of each path, its Markdown body."""

    path: str
    data: dict | None = None
    lines: dict[Path_, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    errors: list[DataError] = field(default_factory=list)
    tags: dict = field(default_factory=dict, repr=False)  # explicit YAML tags, refused (_refuse_tag)

    def line_of(self, loc: Path_) -> int:
        """Line of the deepest known prefix of loc (1 when nothing is known)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class _Loader(yaml.SafeLoader):
    """Composer that refuses aliases: they allow exponential 'billion laughs' input."""

    def compose_node(self, parent, index):  # noqa: D401 (yaml API)
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, _ALIAS, event.start_mark)
        return super().compose_node(parent, index)


try:
    from yaml.cyaml import CParser

    class _FastLoader(CParser, yaml.resolver.BaseResolver):
        """libyaml's parser and composer (several times faster); no implicit typing, since every
        scalar stays a string anyway. Aliases are refused in _to_data."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)

        def resolve(self, kind, value, implicit):
            """What BaseResolver answers without any resolver registered, without looking for one (it
            is asked for every node: a sixth of the time spent reading a fiche)."""
            return _DEFAULT_TAGS[kind]

    _FAST: type = _FastLoader
    _DEFAULT_TAGS = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }
except ImportError:  # PyYAML built without libyaml
    _FAST = _Loader

_YAML_HINTS = [
    ("found character '\\t'", "tabulation interdite : indentez avec des espaces"),
    ("mapping values are not allowed here", "deux-points inattendu : mettez la valeur entre guillemets"),
    ("could not find expected ':'", "« : » manquant après un nom de champ, ou guillemet non fermé"),
    ("found unexpected end of stream", "guillemet ou crochet non fermé"),
    ("did not find expected key", "indentation incohérente ou tiret de liste mal placé"),
    ("did not find expected node content", "valeur manquante ou tiret de liste mal placé"),
    ("found undefined tag handle", "balise YAML (!…) non acceptée"),
    ("expected <block end>", "indentation incohérente, ou guillemet non fermé sur une ligne précédente"),
    ("expected '<document start>'", "ligne « ... » ou « --- » en trop dans l'en-tête"),
    ("found unknown escape character", "barre oblique inverse (\\) invalide entre guillemets doubles"),
    ("while scanning an alias", "« * » ou « & » en début de valeur : mettez la valeur entre guillemets"),
    ("while scanning an anchor", "« * » ou « & » en début de valeur : mettez la valeur entre guillemets"),
]


def _yaml_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    for needle, hint in _YAML_HINTS:
        if needle in problem or needle in str(exc):
            return f"YAML invalide : {hint}"
    if "alias" in problem and "acceptés" in problem:
        return problem
    bad = re.search(r"unacceptable character #x([0-9a-f]+)", problem)
    if bad:
        code = bad.group(1).upper().zfill(4)
        return f"caractère interdit U+{code} : retapez le texte au clavier plutôt que de le copier-coller"
    return f"YAML invalide : {problem}"


def _error_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark else 1


_ALIAS = "les alias YAML (*nom) ne sont pas acceptés : recopiez la valeur"


def _to_data(node, loc: Path_, src: SourceFile, offset: int, seen: set | None = None):
    seen = set() if seen is None else seen
    if id(node) in seen:  # libyaml composes an alias as the very node it names: refuse it
        raise _NodeError(node, _ALIAS, loc)
    seen.add(id(node))
    if loc not in src.lines:
        src.lines[loc] = node.start_mark.line + 1 + offset
    if src.tags or node.tag not in _UNTAGGED:
        _refuse_tag(node, loc, src)
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _NodeError(key_node, "un nom de champ doit être un texte simple", loc)
            if src.tags or key_node.tag not in _UNTAGGED:
                _refuse_tag(key_node, loc, src)
            key = key_node.value
            if key not in _GOOD_KEYS:
                _check_key(key, key_node, loc)
            here = loc + (key,)
            if key in out:
                first = src.lines.get(here, "?")
                src.errors.append(
                    DataError(
                        src.path,
                        key_node.start_mark.line + 1 + offset,
                        _dotted(here),
                        f"champ écrit deux fois (déjà à la ligne {first}) : gardez-en un seul",
                    )
                )
                continue
            src.lines[here] = key_node.start_mark.line + 1 + offset
            out[key] = _to_data(value_node, here, src, offset, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, loc + (i,), src, offset, seen) for i, item in enumerate(node.value)]
    value = node.value
    if _SURROGATE.search(value):  # only a "\\ud800" escape makes one; it could not be written out as UTF-8
        raise _NodeError(
            node,
            "caractère invalide (\\ud800 à \\udfff, moitié de paire de substitution) : retapez la valeur",
            loc,
        )
    if not node.style and value in NULLS:  # plain style: None (Python parser) or "" (libyaml)
        return None
    return value


# Field names found well-formed: the same few dozen in every file, checked once per process (bounded, since
# a hostile file may hold many).
_GOOD_KEYS: set[str] = set()


def _check_key(key: str, key_node, loc: Path_) -> None:
    if not key.strip():
        raise _NodeError(key_node, "nom de champ vide : écrivez « nom: valeur »", loc)
    if invisible_char(key):
        raise _NodeError(
            key_node, "nom de champ avec un caractère invisible ou de contrôle : retapez-le", loc
        )
    if key == "<<":
        raise _NodeError(key_node, "la fusion YAML (<<) n'est pas acceptée", loc)
    if len(_GOOD_KEYS) < 10_000:
        _GOOD_KEYS.add(key)


_UNTAGGED = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


def _explicit_tags(yaml_text: str) -> dict[tuple[int, int], str]:
    """Every tag written in the text (!x, !!x, !<x>, a lone !), by the position of the node it starts.

    The composed node alone cannot tell `!!str x` or `!<tag:yaml.org,2002:str> x` from `x`: the
    scanner's tokens can. Any tag is refused, whatever its spelling or meaning."""
    if "!" not in yaml_text:
        return {}
    found = {}
    try:
        for token in yaml.scan(yaml_text, Loader=_FAST):
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                written = handle + suffix if handle else ("!" if suffix == "!" else f"!<{suffix}>")
                found[(token.start_mark.line, token.start_mark.column)] = written
    except yaml.YAMLError:
        pass  # the composer reports the syntax error
    return found


def _refuse_tag(node, loc: Path_, src: SourceFile) -> None:
    if not src.tags and node.tag in _UNTAGGED:  # most files: no "!" anywhere
        return
    written = src.tags.get((node.start_mark.line, node.start_mark.column))
    if written is None and node.tag not in _UNTAGGED:
        written = node.tag  # never reached while the scanner and the composer agree on positions
    if written is not None:
        raise _NodeError(
            node,
            f"balise YAML {written} non acceptée : écrivez une valeur simple "
            "(entre guillemets si elle commence par « ! »)",
            loc,
        )


class _NodeError(Exception):
    def __init__(self, node, message, loc: Path_ = ()):
        super().__init__(message)
        self.node = node
        self.loc = loc


# libyaml composes recursively in C: a deep enough nesting (about 50,000 levels) crashes the
# process instead of raising. Each level needs a "[" or "{", a "-" or "?" indicator (a block
# mapping inside a sequence entry: two levels for one "-"), or one more space of indentation,
# so below this bound libyaml is safe; above it the Python parser is used, whose
# RecursionError is reported below.
_LIBYAML_MAX_NESTING = 1000
_DEEP = "imbrication trop profonde (listes ou blocs les uns dans les autres) : simplifiez l'en-tête"


_INDENTS = re.compile(r"^ *", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    indent = max(map(len, _INDENTS.findall(text)), default=0)
    indicators = sum(text.count(s) for s in ("- ", "-\t", "-\n", "? ", "?\t", "?\n")) + text.endswith(
        ("-", "?")
    )
    return indent + text.count("[") + text.count("{") + 2 * indicators + 2


def _dotted(loc: Path_) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in loc)


def parse_text(text: str, path: str, front_matter: bool = True) -> SourceFile:
    """Parse a Markdown-with-front-matter (or plain YAML) text."""
    src = SourceFile(path=path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    offset = 0
    if front_matter:
        if not lines or not _DELIM.match(lines[0]):
            src.errors.append(
                DataError(path, 1, "", "la fiche doit commencer par une ligne « --- » suivie des champs")
            )
            return src
        end = next((i for i in range(1, len(lines)) if _DELIM.match(lines[i])), None)
        if end is None:
            src.errors.append(
                DataError(path, 1, "", "en-tête non fermé : ajoutez une ligne « --- » après le dernier champ")
            )
            return src
        yaml_text = "\n".join(lines[1:end])
        offset = 1
        rest = lines[end + 1 :]
        lead = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
        src.body = "\n".join(rest[lead:]).rstrip("\n")
        src.body_line = end + 2 + lead
    else:
        yaml_text = text
    src.lines[()] = 1
    src.tags = _explicit_tags(yaml_text)
    try:
        if _nesting_bound(yaml_text) > _LIBYAML_MAX_NESTING:
            raise yaml.YAMLError("possibly too deep for libyaml")
        nodes = list(yaml.compose_all(yaml_text, Loader=_FAST))
    except yaml.YAMLError:
        try:  # the pure-Python parser words its errors better (and our hints match them)
            nodes = list(yaml.compose_all(yaml_text, Loader=_Loader))
        except yaml.YAMLError as exc:
            src.errors.append(DataError(path, _error_line(exc) + offset, "", _yaml_message(exc)))
            return src
        except RecursionError:
            src.errors.append(DataError(path, 1 + offset, "", _DEEP))
            return src
    if len(nodes) > 1:
        src.errors.append(
            DataError(
                path,
                nodes[1].start_mark.line + 1 + offset,
                "",
                "plusieurs documents YAML dans l'en-tête (ligne « ... » ?) : un seul bloc de champs attendu",
            )
        )
        return src
    if len(nodes) != 1 or nodes[0] is None:
        src.errors.append(DataError(path, 1, "", "aucun champ trouvé dans l'en-tête"))
        return src
    try:
        data = _to_data(nodes[0], (), src, offset)
    except _NodeError as exc:
        src.errors.append(DataError(path, exc.node.start_mark.line + 1 + offset, _dotted(exc.loc), str(exc)))
        return src
    except RecursionError:
        src.errors.append(DataError(path, 1 + offset, "", _DEEP))
        return src
    src.lines[()] = 1
    if not isinstance(data, dict):
        src.errors.append(
            DataError(path, 1 + offset, "", "l'en-tête doit être une liste de champs « nom: valeur »")
        )
        return src
    src.data = data
    return src


@functools.lru_cache(maxsize=8)
def _real_folder(root: Path) -> str:
    """The repository's real path, with a final separator (asked for every file read)."""
    return os.path.join(os.path.realpath(root), "")


def read_file(file: Path, root: Path, front_matter: bool = True, raw: bytes | None = None) -> SourceFile:
    """Read and parse one file; encoding and size problems become errors. raw: its bytes, when the caller
    has read them already (used only once the file has passed the checks below)."""
    rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    try:
        if file.is_symlink():
            return SourceFile(
                rel, errors=[DataError(rel, 1, "", "lien symbolique refusé : déposez un vrai fichier")]
            )
        if not os.path.realpath(file).startswith(_real_folder(root)):  # e.g. data/poles a link to elsewhere
            return SourceFile(
                rel,
                errors=[
                    DataError(
                        rel,
                        1,
                        "",
                        "fichier hors du dépôt (dossier lien symbolique) : déposez un vrai fichier",
                    )
                ],
            )
        if not file.is_file():
            return SourceFile(
                rel,
                errors=[DataError(rel, 1, "", "ce n'est pas un fichier ordinaire : déposez un vrai fichier")],
            )
        size = file.stat().st_size
        if size > MAX_BYTES:
            return SourceFile(
                rel,
                errors=[
                    DataError(
                        rel,
                        1,
                        "",
                        f"fichier trop volumineux ({size // 1024} Ko, maximum {MAX_BYTES // 1000} Ko)",
                    )
                ],
            )
        raw = file.read_bytes() if raw is None or len(raw) > MAX_BYTES else raw
    except OSError as exc:
        return SourceFile(rel, errors=[DataError(rel, 1, "", f"fichier illisible ({exc.strerror})")])
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return SourceFile(
            rel,
            errors=[
                DataError(rel, line, "", "fichier binaire (caractère NUL) : une fiche est un fichier texte")
            ],
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return SourceFile(
            rel,
            errors=[
                DataError(
                    rel,
                    line,
                    "",
                    "le fichier n'est pas en UTF-8 : réenregistrez-le en UTF-8 dans votre éditeur",
                )
            ],
        )
    return parse_text(text, rel, front_matter)
