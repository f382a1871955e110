"""Canonical layout of the data files, written by scripts/format_data.py and by the scaffolds.

Files concerned: data/poles, data/events, data/chapitres, data/ressources and
data/actualites. The front matter is read with ptce.records.sourcefile (strings only),
so formatting never changes what the validator and the build read: the parsed
data after formatting is equal to the parsed data before, and formatting a
formatted file changes nothing.

Layout
------
* Keys follow the order of the model's fields (ptce/records/models.py); nested blocks
  (``lieu``, ``inscription``, items of ``statuts``, ``responsables``,
  ``programme``…) follow their own model's order. Keys the model does not know
  are kept after the known ones, in their original order, with their values:
  nothing is lost, the validator reports them.
* Indentation is two spaces; a list sits two spaces under its key (``  - x``).
* No blank line between fields.

Quoting rule
------------
* Bare: identifiers and vocabulary keys (``type: pole-filiere``,
  ``sources: [plan-action-2013]``, ``reserve: a-preciser``), IANA time zones
  (``fuseau: Europe/Paris``), booleans ``true`` / ``false`` and numbers
  (``numero: 3``, ``lat: 45.94``) — each only in a field of that type and only
  when the value is a plain identifier, exactly ``true``/``false`` or a decimal
  number. An identifier that another YAML reader would take for something else
  (``null``, ``yes``, ``2013``, ``1e5``…) is double-quoted.
* Double-quoted: everything else — texts, dates, hours, postal codes,
  telephones, URLs, e-mail addresses, and every value of an unknown key.
  Backslashes, double quotes, line breaks, tabs and non-printable characters
  are escaped (``\\\\``, ``\\"``, ``\\n``…), so every value fits on one line.
* An empty value is written ``null``; an empty list ``[]``, an empty block ``{}``.
* A list of values is written in flow style (``thematiques: [a, b]``) when its
  line fits in 100 columns, otherwise one ``- value`` per line. A list of
  blocks always has one ``- `` item per block. A block whose values are all
  numbers (``coordonnees``) is written in flow style: ``{lat: 45.94, lon: 4.77}``.

Comments
--------
* The comment block at the top of the front matter (schema modeline, notes) is
  kept verbatim, followed by one blank line.
* End-of-line comments stay at the end of their field's line, and whole-line
  comments stay just above the field that follows them: both move with their
  field when keys are reordered. A comment on an item of a flow list, or on a
  line that no longer exists (a continuation line), moves to its field's line.
  Comments after the last field stay at the end of the front matter.
* Commented-out fields are comments like any other: kept, never re-enabled.

Everything after the closing ``---`` (the Markdown body) is kept byte for byte.
Line endings become LF and a leading byte-order mark is removed (the reader
ignores both).
"""

from __future__ import annotations

import bisect
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from ptce.records.errors import DataError
from ptce.records.fields import field_kind
from ptce.records.kinds import BY_FOLDER, KINDS
from ptce.records.sourcefile import _DELIM, NULLS, _Loader, parse_text, read_file

WIDTH = 100

# data/<folder>/ → kind of record (a key of ptce.records.kinds.KINDS)
FOLDERS = {folder: kind.key for folder, kind in BY_FOLDER.items()}

IDENT, BOOL, NUMBER, TEXT = "ident", "bool", "number", "text"

_BARE_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+/-]*\Z")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_YAML_NUMBER = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
    r"|^0x[0-9a-fA-F_]+$|^0o[0-7_]+$|^0b[01_]+$|^[-+]?\.(inf|nan)$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")
_BARE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*\Z")
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}


class FormatError(Exception):
    """The file does not parse: it is reported and left untouched."""

    def __init__(self, errors: list[DataError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


# --------------------------------------------------------------------------- scalars


def quote(text: str) -> str:
    """A YAML double-quoted scalar on one line that reads back as exactly ``text``."""
    out = []
    for c in text:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif _NON_PRINTABLE.match(c):
            code = ord(c)
            out.append(
                f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"
            )
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _is_plain_word(value: str) -> bool:
    return value.lower() not in _YAML_WORDS and value not in NULLS and not _YAML_NUMBER.match(value)


def scalar(value: str | None, style: str = TEXT) -> str:
    """One value as the formatter writes it (see the quoting rule above)."""
    if value is None:
        return "null"
    if style == IDENT and _BARE_IDENT.match(value) and re.search("[A-Za-z]", value) and _is_plain_word(value):
        return value
    if style == BOOL and value in ("true", "false"):
        return value
    if style == NUMBER and _BARE_NUMBER.match(value):
        return value
    return quote(value)


def _key(name: str) -> str:
    return name if _BARE_KEY.match(name) and _is_plain_word(name) else quote(name)


# --------------------------------------------------------------------------- field types


@dataclass(frozen=True)
class Spec:
    """How a value is laid out: a scalar style, a nested model, a list of something, or anything."""

    kind: str  # "scalar", "model", "list", "any"
    style: str = TEXT
    model: type[BaseModel] | None = None
    item: Spec | None = None


ANY = Spec("any")


def _spec(annotation, metadata: tuple = ()) -> Spec:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return _spec(base, (*metadata, *meta))
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _spec(args[0], metadata) if len(args) == 1 else ANY
    if origin is list:
        return Spec("list", item=_spec(typing.get_args(annotation)[0]))
    if origin is typing.Literal:
        return Spec("scalar", IDENT)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Spec("model", model=annotation)
    if annotation is bool:
        return Spec("scalar", BOOL)
    if annotation in (int, float):
        return Spec("scalar", NUMBER)
    kind = field_kind(metadata)
    return Spec("scalar", IDENT if kind and kind.bare else TEXT)


_FIELD_SPECS: dict[type, dict[str, Spec]] = {}


def field_specs(model: type[BaseModel]) -> dict[str, Spec]:
    """Field name → layout, in the model's order."""
    if model not in _FIELD_SPECS:
        _FIELD_SPECS[model] = {
            name: _spec(f.annotation, tuple(f.metadata)) for name, f in model.model_fields.items()
        }
    return _FIELD_SPECS[model]


def ordered_keys(model: type[BaseModel] | None, data: dict) -> list[str]:
    """Keys of data: the model's fields first in its order, then unknown keys as found."""
    if model is None:
        return list(data)
    known = [k for k in field_specs(model) if k in data]
    return known + [k for k in data if k not in field_specs(model)]


# --------------------------------------------------------------------------- emitter


@dataclass
class _Line:
    indent: int
    text: str
    before: list[str] = field(default_factory=list)
    trailing: str | None = None


class _Emitter:
    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.anchors: dict[tuple, int] = {}

    def _add(self, indent: int, text: str, *paths: tuple) -> None:
        for p in paths:
            self.anchors.setdefault(p, len(self.lines))
        self.lines.append(_Line(indent, " " * indent + text))

    @staticmethod
    def _is_scalar(value) -> bool:
        return value is None or isinstance(value, str)

    @staticmethod
    def _flow_block(spec: Spec, value: dict) -> str | None:
        """``{lat: 45.94, lon: 4.77}`` for a non-empty block made only of numbers."""
        if spec.kind != "model" or not value:
            return None
        specs = field_specs(spec.model)
        parts = []
        for k in ordered_keys(spec.model, value):
            v, s = value[k], specs.get(k, ANY)
            if not (
                isinstance(v, str) and s.kind == "scalar" and s.style == NUMBER and _BARE_NUMBER.match(v)
            ):
                return None
            parts.append(f"{_key(k)}: {v}")
        return "{" + ", ".join(parts) + "}"

    def mapping(self, spec: Spec, data: dict, indent: int, path: tuple, lead: str = "") -> None:
        model = spec.model if spec.kind == "model" else None
        specs = field_specs(model) if model else {}
        for i, k in enumerate(ordered_keys(model, data)):
            prefix = lead if i == 0 else " " * len(lead)
            paths = (path, path + (k,)) if i == 0 and lead else (path + (k,),)
            self.entry(specs.get(k, ANY), k, data[k], indent, prefix, paths)

    def entry(self, spec: Spec, key: str, value, indent: int, prefix: str, paths: tuple) -> None:
        head = f"{prefix}{_key(key)}:"
        path = paths[-1]
        col = indent + len(prefix)  # column of the key
        if self._is_scalar(value):
            style = (
                spec.style
                if spec.kind == "scalar"
                else spec.item.style
                if spec.kind == "list" and spec.item.kind == "scalar"
                else TEXT
            )
            self._add(indent, f"{head} {scalar(value, style)}", *paths)
        elif isinstance(value, dict):
            sub = spec if spec.kind == "model" else ANY
            flow = self._flow_block(sub, value) if value else "{}"
            if flow:
                self._add(indent, f"{head} {flow}", *paths)
            else:
                self._add(indent, head, *paths)
                self.mapping(sub, value, col + 2, path)
        else:
            item = spec.item if spec.kind == "list" else ANY
            self.sequence(item, value, col, head, indent, paths)

    def _flow_list(self, item: Spec, value: list) -> str | None:
        if not all(self._is_scalar(v) for v in value):
            return None
        style = item.style if item.kind == "scalar" else TEXT
        return "[" + ", ".join(scalar(v, style) for v in value) + "]"

    def sequence(self, item: Spec, value: list, col: int, head: str, indent: int, paths: tuple) -> None:
        """A list under ``head`` (a key line, or a bare ``-`` item) whose column is col."""
        path = paths[-1]
        flow = self._flow_list(item, value) if value else "[]"
        if flow and (not value or indent + len(head) + 1 + len(flow) <= WIDTH):
            self._add(indent, f"{head} {flow}", *paths)
            return
        self._add(indent, head, *paths)
        for i, v in enumerate(value):
            self.item(item, v, col + 2, path + (i,))

    def item(self, spec: Spec, value, indent: int, path: tuple) -> None:
        if self._is_scalar(value):
            self._add(indent, f"- {scalar(value, spec.style if spec.kind == 'scalar' else TEXT)}", path)
        elif isinstance(value, dict):
            sub = spec if spec.kind == "model" else ANY
            flow = self._flow_block(sub, value) if value else "{}"
            if flow:
                self._add(indent, f"- {flow}", path)
            else:
                self.mapping(sub, value, indent, path, lead="- ")
        else:
            self.sequence(spec.item if spec.kind == "list" else ANY, value, indent, "-", indent, (path,))


# --------------------------------------------------------------------------- comments


@dataclass
class _Comments:
    header: list[str] = field(default_factory=list)
    # (line in the YAML text, text from "#", True for an end-of-line comment)
    found: list[tuple[int, str, bool]] = field(default_factory=list)
    paths: list[tuple[tuple, int]] = field(default_factory=list)  # document order


def _walk(node, path: tuple, line: int, spans: list, paths: list) -> None:
    paths.append((path, line))
    if isinstance(node, yaml.ScalarNode):
        spans.append((node.start_mark.index, node.end_mark.index))
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            spans.append((key_node.start_mark.index, key_node.end_mark.index))
            _walk(value_node, path + (key_node.value,), key_node.start_mark.line, spans, paths)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), item.start_mark.line, spans, paths)


def _find_comments(yaml_text: str) -> _Comments:
    root = yaml.compose(yaml_text, Loader=_Loader)
    spans: list[tuple[int, int]] = []
    out = _Comments()
    _walk(root, (), root.start_mark.line, spans, out.paths)
    out.paths = out.paths[1:]  # the root has no line of its own
    spans.sort()
    starts = [s for s, _ in spans]
    first = root.start_mark.line
    pos = 0
    for n, line in enumerate(yaml_text.split("\n")):
        if n < first:
            out.header.append(line.rstrip())
        else:
            for m in re.finditer("#", line):
                i = m.start()
                if i and line[i - 1] not in " \t":
                    continue
                k = bisect.bisect_right(starts, pos + i) - 1
                if k >= 0 and spans[k][0] <= pos + i < spans[k][1]:
                    continue
                out.found.append((n, line[i:].rstrip(), bool(line[:i].strip())))
                break
        pos += len(line) + 1
    while out.header and not out.header[0]:
        out.header.pop(0)
    while out.header and not out.header[-1]:
        out.header.pop()
    return out


def _attach(emitter: _Emitter, comments: _Comments) -> list[str]:
    """Put each comment on the line of its field; returns the comments left for the end."""
    footer = []
    lines = [ln for _, ln in comments.paths]
    for n, text, trailing in comments.found:
        if trailing:
            k = bisect.bisect_right(lines, n) - 1
            owner = comments.paths[k][0] if k >= 0 else ()
        else:
            k = bisect.bisect_right(lines, n)
            owner = comments.paths[k][0] if k < len(lines) else ()
        while owner and owner not in emitter.anchors:
            owner = owner[:-1]
        if not owner:
            footer.append(text)
            continue
        line = emitter.lines[emitter.anchors[owner]]
        if trailing and line.trailing is None:
            line.trailing = text
        else:
            line.before.append(" " * line.indent + text)
    return footer


# --------------------------------------------------------------------------- files


def dump(
    model: type[BaseModel], data: dict, header: list[str] | tuple = (), comments: _Comments | None = None
) -> str:
    """The front matter (between and including the two ``---`` lines) in canonical layout."""
    emitter = _Emitter()
    emitter.mapping(Spec("model", model=model), data, 0, ())
    footer = _attach(emitter, comments) if comments else []
    header = list(header)
    if emitter.lines and emitter.lines[0].before:
        header += ([""] if header else []) + emitter.lines[0].before
        emitter.lines[0].before = []
    out = ["---"]
    if header:
        out += header + [""]
    for line in emitter.lines:
        out += line.before
        out.append(line.text + (f"  {line.trailing}" if line.trailing else ""))
    if not emitter.lines:
        out.append("{}")
    out += footer
    out.append("---")
    return "\n".join(out) + "\n"


def split(text: str) -> tuple[str, str] | None:
    """(YAML text, everything after the closing ``---`` line), or None without front matter."""
    lines = text.split("\n")
    if not lines or not _DELIM.match(lines[0]):
        return None
    end = next((i for i in range(1, len(lines)) if _DELIM.match(lines[i])), None)
    if end is None:
        return None
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[1:] if text.startswith("\ufeff") else text


def format_text(text: str, kind: str, path: str = "") -> str:
    """The canonical form of a data file; FormatError when it does not parse."""
    text = _normalise(text)
    src = parse_text(text, path)
    if src.errors or src.data is None:
        raise FormatError(src.errors or [DataError(path, 1, "", "en-tête illisible")])
    yaml_text, rest = split(text)
    comments = _find_comments(yaml_text)
    return dump(KINDS[kind], src.data, comments.header, comments) + rest


def kind_of(file: Path) -> str | None:
    """The kind of record of a file under data/<folder>/, None for other files."""
    file = Path(file)
    if file.suffix != ".md" or file.name.startswith((".", "_")) or file.parent.parent.name != "data":
        return None
    return FOLDERS.get(file.parent.name)


def data_files(root: Path) -> list[Path]:
    """Every file the formatter handles, in a stable order."""
    files = []
    for folder in FOLDERS:
        d = Path(root) / "data" / folder
        if d.is_dir():
            files += sorted(p for p in d.iterdir() if kind_of(p))
    return files


@dataclass
class Outcome:
    file: Path
    changed: bool = False
    text: str | None = None  # the canonical text, when the file parses
    errors: list[DataError] = field(default_factory=list)


def check_file(file: Path, root: Path) -> Outcome:
    """Read one file and compute its canonical form (nothing is written)."""
    kind = kind_of(file)
    src = read_file(file, root)  # encoding, size, symlink and syntax problems, in French
    if src.errors or kind is None:
        return Outcome(file, errors=src.errors)
    text = file.read_bytes().decode("utf-8")
    try:
        new = format_text(text, kind, src.path)
    except FormatError as exc:
        return Outcome(file, errors=exc.errors)
    return Outcome(file, changed=new != text, text=new)


def same_meaning(a: str, b: str) -> bool:
    """Both texts read as the same data and the same body (what the build sees)."""
    pa, pb = parse_text(a, "a"), parse_text(b, "b")
    return pa.data == pb.data and pa.body == pb.body and not pa.errors and not pb.errors


__all__ = [
    "FOLDERS",
    "FormatError",
    "Outcome",
    "check_file",
    "data_files",
    "dump",
    "field_specs",
    "format_text",
    "kind_of",
    "quote",
    "same_meaning",
    "scalar",
]
