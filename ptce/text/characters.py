"""Which characters a contributed text may hold, how to show the others, and look-alike names.

One home for character rules, built from Unicode's own data through ICU (PyICU) rather than
hand-kept lists:

- ``invisible_char``: the first character a text may not hold: controls (but tab and newline),
  format characters (zero-width, bidirectional overrides, soft hyphen…), every default-ignorable
  code point (Hangul fillers, variation selectors, « tag » characters U+E0000–U+E0FFF…),
  surrogates, line and paragraph separators, and the 66 noncharacters (U+FDD0–U+FDEF,
  U+FFFE, U+FFFF… which XML 1.0 forbids or discourages, so one of them would make a feed
  unreadable). What remains is allowed in XML 1.0, JSON, CSV and iCalendar alike.
- ``printable``: a text safe to print in a terminal or a CI log: each such character is shown
  as ``U+001B`` instead of being sent (an escape sequence could rewrite what a maintainer reads).
- ``skeleton``: Unicode's confusable skeleton (UTS #39): two names that look the same
  (Latin « a » and Cyrillic « а », « rn » and « m ») have the same skeleton.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import icu

_SET = icu.UnicodeSet(
    r"[[:Cc:][:Cf:][:Cs:][:Zl:][:Zp:][:Default_Ignorable_Code_Point:]"
    r"[:Noncharacter_Code_Point:]]"
)
_ALLOWED_WHITESPACE = "\t\n"


def _class(chars: icu.UnicodeSet) -> re.Pattern:
    return re.compile("[" + "".join(f"{re.escape(a)}-{re.escape(b)}" for a, b in chars.ranges()) + "]")


FORBIDDEN = _class(_SET)
_NOT_ALLOWED_SET = icu.UnicodeSet(_SET).removeAll(_ALLOWED_WHITESPACE)  # what a text may not hold
_NOT_ALLOWED = _class(_NOT_ALLOWED_SET)
# The same characters as a set: asking whether a text holds any is ten times faster than the regex.
_NOT_ALLOWED_CHARS = frozenset(
    chr(c) for a, b in _NOT_ALLOWED_SET.ranges() for c in range(ord(a), ord(b) + 1)
)

_NAMES = {
    "\u202e": "inversion du sens d'écriture",
    "\u202d": "forçage du sens d'écriture",
    "\u200b": "espace de largeur nulle",
    "\u200c": "antiliant sans chasse",
    "\u200d": "liant sans chasse",
    "\u2060": "gluon de mots",
    "\ufeff": "indicateur d'ordre des octets",
    "\x00": "caractère NUL",
    "\x1b": "échappement de terminal",
    "\u00ad": "trait d'union conditionnel",
    "\u3164": "caractère de remplissage hangûl",
    "\u115f": "caractère de remplissage hangûl",
    "\u1160": "caractère de remplissage hangûl",
    "\uffa0": "caractère de remplissage hangûl",
}


def _describe(c: str) -> str:
    code = ord(c)
    if c in _NAMES:
        name = _NAMES[c]
    elif 0xE0000 <= code <= 0xE0FFF:
        name = "étiquette Unicode invisible"
    elif 0xD800 <= code <= 0xDFFF:
        name = "moitié de paire de substitution"
    elif unicodedata.category(c) == "Cn" and (0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE):
        name = "non-caractère Unicode"
    elif 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        name = "sélecteur de variante"
    else:
        name = None
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def invisible_char(text: str) -> str | None:
    """The first character a contributed text may not hold (tab and newline allowed), in French."""
    found = first_invisible(text)
    return found[1] if found else None


def first_invisible(text: str) -> tuple[int, str] | None:
    """(line, counted from 0; description) of the first character a text may not hold: a body is
    searched once, not line by line."""
    if text.isascii() and text.isprintable():  # most values: no control character, nothing to find
        return None
    if _NOT_ALLOWED_CHARS.isdisjoint(text):
        return None
    m = _NOT_ALLOWED.search(text)
    return (text.count("\n", 0, m.start()), _describe(m.group())) if m else None


def printable(text: str, newline: str = " ") -> str:
    """Text for a terminal or a log: a newline becomes `newline`, every other forbidden character U+XXXX."""
    return FORBIDDEN.sub(lambda m: newline if m.group() == "\n" else f"U+{ord(m.group()):04X}", text)


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
_WORDS = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case words without accents, separated by single spaces, "St"/"Ste" spelt out.

    "Saint-Étienne", "ST ETIENNE" and "St. Étienne" all give "saint etienne"; it is
    also a French sort key (Île-de-France sorts under I). Compare ``fold(a).replace(" ", "")``
    to ignore spaces, hyphens and apostrophes altogether ("L'Haÿ" = "Lhay").
    """
    return fold_many([text])[0]


def fold_many(texts: list[str]) -> list[str]:
    """fold() of each text, the accents removed from all at once: the directory's 35,000 commune names
    are folded in a tenth of a second less than one by one. A newline separates texts in the work: one
    inside a text is a separator like any other to fold()."""
    if not texts:
        return []
    text = "\n".join(t.replace("\n", " ") for t in texts)
    if text.isascii():  # no accent, no ligature: what the decomposition below would give back
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
        marks = "".join(re.escape(c) for c in set(text) if unicodedata.combining(c))
        text = (re.sub(f"[{marks}]", "", text) if marks else text).casefold()
    return [_words(_WORDS.findall(line)) for line in text.split("\n")]


def _words(words: list[str]) -> str:
    if "st" in words or "ste" in words:
        words = [_ABBREVIATIONS.get(w, w) for w in words]
    return " ".join(words)


_SPOOF = icu.SpoofChecker()


def skeleton(text: str) -> str:
    """UTS #39 skeleton: equal for texts a reader cannot tell apart."""
    return _SPOOF.getSkeleton(0, text)


def look_alike_key(text: str) -> str:
    """Equal for two names a reader would take for the same: case, accents, punctuation and spacing
    aside (geo.fold), and letters of other scripts that look the same (UTS #39 skeleton)."""
    return fold(skeleton(fold(FORBIDDEN.sub(" ", text))))  # an invisible filler counts as a space
