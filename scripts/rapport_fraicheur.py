"""List the fiches due for a check, and (when the network is there) dead websites.

    python scripts/rapport_fraicheur.py               # fiches older than data/parametres.yml allows
    python scripts/rapport_fraicheur.py --mois 12     # another age limit
    python scripts/rapport_fraicheur.py --hors-ligne  # skip the website check

Never fails because of the network: offline, the website check is skipped
with a message. Exit status 0; 1 only with --strict when something is found.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from ptce.records import freshness
from ptce.records.corpus import load
from ptce.records.dates import build_date

ROOT = Path(__file__).resolve().parent.parent

USER_AGENT = "ptce.fr-rapport-fraicheur (+https://ptce.fr/contribuer/)"


def check_site(url: str, timeout: float) -> str | None:
    """None when the site answers, else the reason in French."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as e:
            if method == "HEAD" and e.code in (403, 405, 501):
                continue  # some servers refuse HEAD: try GET
            return f"erreur HTTP {e.code}"
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as e:
            reason = getattr(e, "reason", e)
            return f"injoignable ({reason})"
    return None


def online(hosts: list[str]) -> bool:
    """The network is usable when at least one host name resolves."""
    for host in hosts[:5]:
        try:
            socket.getaddrinfo(host, 443)
            return True
        except (socket.gaierror, OSError, UnicodeError):
            continue
    return False


def main(argv: list[str] | None = None, checker=check_site, is_online=online) -> int:
    parser = argparse.ArgumentParser(
        description="Liste les fiches à actualiser et les sites web qui ne répondent plus."
    )
    parser.add_argument(
        "--racine", type=Path, default=ROOT, help="dossier du dépôt (par défaut : celui du script)"
    )
    parser.add_argument(
        "--mois", type=int, help="âge maximal d'une fiche, en mois (par défaut : data/parametres.yml)"
    )
    parser.add_argument("--hors-ligne", action="store_true", help="ne vérifie pas les sites web")
    parser.add_argument("--delai", type=float, default=10, help="délai d'attente par site, en secondes (10)")
    parser.add_argument(
        "--strict", action="store_true", help="code de sortie 1 si une fiche ou un site est signalé"
    )
    args = parser.parse_args(argv)

    corpus = load(args.racine)
    today = build_date()
    months = args.mois if args.mois and args.mois > 0 else freshness.max_age_months(corpus.parametres)
    if corpus.errors:
        print(
            f"Attention : {len(corpus.errors)} erreur(s) de validation ; "
            "les fiches invalides ne sont pas examinées "
            "(python scripts/validate.py pour le détail).\n"
        )
    stale = freshness.stale_entries(corpus.poles, today, months)
    print(
        f"Fiches vérifiées il y a plus de {months} mois (au {today:%d/%m/%Y}) : "
        f"{len(stale)} sur {len(corpus.poles)}"
    )
    for e in stale:
        print(f"  {e.path} : {e.fiche.nom} — dernière vérification le {e.fiche.date_maj.french()}")

    dead: list[tuple] = []
    sites = [(e, e.fiche.site_web) for e in corpus.poles if e.fiche.site_web]
    if args.hors_ligne:
        print("\nSites web : vérification ignorée (--hors-ligne).")
    elif not sites:
        print("\nSites web : aucune fiche n'en indique.")
    elif not is_online(sorted({urlsplit(u).hostname or "" for _, u in sites})):
        print(
            "\nSites web : réseau indisponible, vérification ignorée. Relancez avec une connexion à Internet."
        )
    else:
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda item: checker(item[1], args.delai), sites))
        dead = [(e, url, why) for (e, url), why in zip(sites, results, strict=True) if why]
        print(f"\nSites web qui ne répondent pas : {len(dead)} sur {len(sites)}")
        for e, url, why in dead:
            print(f"  {e.path} : {url} — {why}")
    return 1 if args.strict and (stale or dead) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        sys.exit(130)
