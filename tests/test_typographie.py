"""French typography in every output, never in what readers copy (code, addresses, identifiers)."""

from __future__ import annotations

import re

import lxml.html
import pytest

from ptce.text import typography

NBSP, NNBSP = "\u00a0", "\u202f"
VERBATIM = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"}


def test_spaces_and_apostrophes():
    assert typography.french("« Coopérer » : oui ; vraiment ! L'ESS ?") == (
        f"«{NBSP}Coopérer{NBSP}»{NBSP}: oui{NNBSP}; vraiment{NNBSP}! L\u2019ESS{NNBSP}?"
    )
    assert (
        typography.french("https://ptce.fr/a?b=1 14:30 l'an 2013")
        == "https://ptce.fr/a?b=1 14:30 l\u2019an 2013"
    )


def test_code_attributes_and_addresses_stay_as_written():
    out = typography.french_html(
        '<p title="l\'ESS : x">L\'ESS : <code>l\'x : y</code> <a href="https://x.org/?a=1">'
        "l'adresse</a></p><pre>c'est ; brut</pre>"
    )
    assert 'title="l\'ESS : x"' in out and "<code>l'x : y</code>" in out and "<pre>c'est ; brut</pre>" in out
    assert f"L\u2019ESS{NBSP}:" in out and "l\u2019adresse" in out and 'href="https://x.org/?a=1"' in out


def _faults(page: bytes) -> list[str]:
    """Ordinary spaces before : ; ! ? or inside « », straight apostrophes between letters, in visible text."""
    root = lxml.html.fromstring(page)
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        outside = not any(a.tag in VERBATIM for a in el.iterancestors())
        for text in ((el.text if el.tag not in VERBATIM else None), el.tail):
            if text and outside:
                found += re.findall(r"\S [:;!?](?=\s|$)|« |\S »|[^\W\d_]'[^\W\d_]", text)
    return found


@pytest.mark.build
def test_no_page_of_the_site_breaks_french_typography(built):
    faults = {}
    for path in sorted(built.rglob("*.html")):
        if "cartes" in path.parts or "pagefind" in path.parts:
            continue  # standalone map pages: their text is in the tables of the pages around them
        found = _faults(path.read_bytes())
        if found:
            faults[str(path.relative_to(built))] = found[:3]
    assert faults == {}, list(faults.items())[:10]
