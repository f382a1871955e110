"""Data problems reported to contributors, in French, one line each."""

from __future__ import annotations

from dataclasses import dataclass

from ptce.text.characters import printable


@dataclass(frozen=True, order=True)
class DataError:
    """A problem in a contributed file: where it is and how to fix it."""

    path: str  # relative to the repository root, e.g. data/poles/x.md
    line: int
    field: str  # dotted, 1-based list indices: responsables.2.courriel ("" for the whole file)
    message: str

    def __str__(self) -> str:
        """One line, with every control character shown as U+XXXX: a file cannot rewrite a terminal."""
        where = f"{self.path}:{self.line}:"
        return printable(f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}")

    def github_annotation(self) -> str:
        """GitHub Actions workflow command, so the error shows on the PR's line."""
        msg = printable(f"{self.field}: {self.message}" if self.field else self.message, newline="\n")
        title = printable(f"Champ {self.field}" if self.field else "Fichier invalide")
        return (
            f"::error file={_property(printable(self.path))},line={self.line},title={_property(title)}::"
            f"{_data(msg)}"
        )


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Workflow-command properties also reserve ':' and ','."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def show(value: object, limit: int = 80) -> str:
    """Quote a received value for a message, shortened and on one line."""
    text = printable(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"« {text} »"
