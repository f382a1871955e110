"""Draw docs/assets/partage.png, the image shown when a page of the site is shared (Open Graph, Twitter
cards: 1200 × 630 pixels). Maintainers run it when the site's name or colours change; the image is
committed, so the build needs no browser.

    .venv/bin/python maintenance/image_partage.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CARD = """<!doctype html><html lang="fr"><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; background: #00695c; color: #fff;
  font-family: "DejaVu Sans", sans-serif; display: flex; flex-direction: column; justify-content: center;
  padding: 0 90px; box-sizing: border-box; }
h1 { font-size: 76px; margin: 0 0 24px; letter-spacing: 2px; }
p { font-size: 40px; margin: 0 0 18px; line-height: 1.25; }
.site { margin-top: 40px; font-size: 34px; opacity: .85; }
</style><h1>PTCE</h1>
<p>Pôles territoriaux de coopération économique</p>
<p>Annuaire, carte, agenda et boîte à outils</p>
<p class="site">ptce.fr</p></html>"""


def main() -> None:
    target = ROOT / "docs" / "assets" / "partage.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD)
        page.screenshot(path=str(target))
        browser.close()
    print(f"{target.relative_to(ROOT)} écrit.")


if __name__ == "__main__":
    main()
