"""Create the fiche of a new event: data/events/<AAAA-MM-JJ>-<titre>.md.

    python scripts/nouvel_evenement.py                   # questions, one by one
    python scripts/nouvel_evenement.py --titre "Rencontre régionale" --type rencontre-regionale \
        --debut 2026-03-12T09:30 --fin 2026-03-12T17:00 --code-postal 14000 --non-interactif

The file name starts with the start date, like the existing events. The driver
is shared with scripts/nouveau_pole.py.
"""

from __future__ import annotations

import sys

from nouveau_pole import run


def main(argv: list[str] | None = None) -> int:
    return run("evenement", argv)


if __name__ == "__main__":
    sys.exit(main())
