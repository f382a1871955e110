"""Weight of the pages readers open first: bytes (raw and gzip-compressed, as a server sends them) and
requests, measured in Debian's Chromium with the map tiles blocked, at phone width.

    .venv/bin/python maintenance/poids_pages.py site/ [autre-site/]

Prints one table per site; the figures of issue 17's closing note come from here.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright
from serveur import Server

PAGES = ["", "poles/", "carte/", "poles/pole-sud-archer/"]


def measure(site: Path, browser, scroll: bool = True) -> dict[str, tuple[int, int, int]]:
    """page -> (requests, bytes, gzip bytes) once the page and what it loads by itself are done."""
    server = Server(site)
    base = server.url + "/"
    out = {}
    for page_path in PAGES:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        sizes: list[tuple[int, int]] = []

        def route(r):
            if urlsplit(r.request.url).hostname != "127.0.0.1":
                return r.abort()  # tiles and anything outside
            return r.continue_()

        def response(resp, sizes=sizes):
            try:
                body = resp.body()
            except Exception:  # noqa: BLE001 (a redirect or an aborted request has no body)
                return
            sizes.append((len(body), len(gzip.compress(body, 6))))

        page.route("**/*", route)
        page.on("response", response)
        page.goto(base + page_path, wait_until="networkidle")
        if scroll:  # what a reader gets after scrolling once through the page
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            page.wait_for_timeout(800)
            page.wait_for_load_state("networkidle")
        out["/" + page_path] = (len(sizes), sum(s for s, _ in sizes), sum(g for _, g in sizes))
        page.close()
    server.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", nargs="+", type=Path)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for site in args.sites:
            print(f"\n{site} (390 px, tuiles bloquées, après défilement)")
            print("| Page | Requêtes | Octets | Octets gzip |\n|---|---|---|---|")
            for page, (n, raw, gz) in measure(site, browser).items():
                print(f"| {page} | {n} | {raw / 1024:.0f} ko | {gz / 1024:.0f} ko |")
        browser.close()


if __name__ == "__main__":
    main()
