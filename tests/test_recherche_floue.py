"""A typo inside a pole's name still finds the pole (issue 17): Pagefind alone, then with the site's fuzzy
layer over the poles' names (docs/assets/recherche.js). Prints the rates that docs/a-propos/recherche.md
reports."""

from __future__ import annotations

import json
import random
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import CHROMIUM

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="Chromium absent : installez le paquet Debian « chromium » (make test le fait quand il est root)",
)


def typo(name: str, rng: random.Random) -> str | None:
    """The name with one letter changed inside its longest word (not the first two nor the last)."""
    words = name.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 6 or not word.isalpha():
        return None
    i = rng.randrange(2, len(word) - 1)
    replacement = "x" if word[i].lower() != "x" else "z"
    words[longest] = word[:i] + replacement + word[i + 1 :]
    return " ".join(words)


def test_a_typo_in_a_pole_name_still_finds_it(browser, server, built):
    data = json.loads((built / "poles/annuaire.json").read_text(encoding="utf-8"))
    poles = [dict(zip(data["champs"], row, strict=True)) for row in data["poles"]]
    rng = random.Random(17)
    cases = [(p, q) for p in rng.sample(poles, 40) if (q := typo(p["nom"], rng))][:25]
    page = browser.new_page()
    page.goto(server + "/recherche/")
    page.wait_for_selector(".pagefind-ui__search-input")
    alone = layered = 0
    for pole, query in cases:
        page.goto(f"{server}/recherche/?q={quote(query)}")
        page.wait_for_function(
            "document.querySelector('.pagefind-ui__message') && "
            "!document.querySelector('.pagefind-ui__message').textContent.startsWith('Recherche')"
        )
        page.wait_for_timeout(200)
        href = f"poles/{pole['id']}/"
        top = page.locator(".pagefind-ui__result-link").evaluate_all(
            "els => els.slice(0, 5).map(e => e.getAttribute('href'))"
        )
        close = page.locator(".ptce-proches a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        in_pagefind = any(h.endswith(href) for h in top)
        alone += in_pagefind
        layered += in_pagefind or any(h.endswith(href) for h in close)
    print(f"\n{len(cases)} noms avec une faute : Pagefind seul {alone}, avec les noms proches {layered}")
    assert layered >= 0.9 * len(cases)
    assert layered > alone  # the layer is what makes the difference
