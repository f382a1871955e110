"""The directory the public explores at /poles/: its compact data, its place index and its filter form.

Without JavaScript /poles/ lists every fiche from A to Z and links the static facet pages; with it,
docs/assets/annuaire.js reads poles/annuaire.json and offers combined filters, sorting and « près de
chez moi ». The place search reads small files of communes (poles/lieux/), split by the first two
characters of a postal code or of a name, so a reader fetches a few kilobytes and no outside geocoder
learns what they typed.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict

from ptce.records.corpus import Corpus, Entry
from ptce.records.geo import Geo
from ptce.text import urls
from ptce.text.characters import fold, fold_many
from ptce.text.html import esc, rel

# Facets, in the order of the form: (URL parameter, French label, vocabulary section or None).
FACETS = (
    ("region", "Région", None),
    ("departement", "Département", None),
    ("statut", "Statut", "statuts"),
    ("type", "Forme de coopération", "types"),
    ("thematique", "Thématique", "thematiques"),
)
SORTS = (("nom", "nom"), ("region", "région"), ("verification", "date de vérification, la plus récente"))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _row(e: Entry) -> list:
    p = e.place
    point = [round(p.lat, 3), round(p.lon, 3)] if p.lat is not None and p.lon is not None else None  # ~100 m
    return [
        e.slug,
        e.fiche.nom,
        p.commune.nom if p.commune else "",
        p.departement.code if p.departement else "",
        p.region or "",
        e.statut or "",
        e.fiche.type or "",
        list(e.fiche.thematiques),
        e.fiche.date_maj.iso(),
        point,
    ]


def directory_data(corpus: Corpus, geo: Geo, places: list[str]) -> str:
    """poles/annuaire.json: one short row per pole (field names once, in « champs »), the labels of the
    vocabularies it uses, the départements with their regions, and the shards of poles/lieux/ that
    exist (places: their addresses), so the script never asks for a file that is not there."""
    used = {section for _, _, section in FACETS if section}
    return _compact(
        {
            "champs": [
                "id",
                "nom",
                "commune",
                "departement",
                "region",
                "statut",
                "type",
                "thematiques",
                "date_maj",
                "point",
            ],
            "libelles": {s: {k: corpus.label(s, k) for k in corpus.vocabulaires.get(s, {})} for s in used},
            "departements": {d.code: [d.nom, d.region] for d in geo.departements()},
            "lieux": sorted(p.rsplit("/", 1)[1].removesuffix(".json") for p in places),
            "poles": [_row(e) for e in corpus.poles],
        }
    )


def shard_of(text: str, folded: str | None = None) -> str:
    """The file of poles/lieux/ that holds a postal code (its first 2 digits) or a commune name (its first
    2 letters, 7 after « saint »: a few thousand communes start so). docs/assets/annuaire.js applies
    the same rule to what the reader types. folded: fold(text), when the caller folded many at once."""
    key = (fold(text) if folded is None else folded).replace(" ", "")
    if key[:1].isdigit():
        return "cp-" + key[:2]
    return "nom-" + key[: 7 if key.startswith("saint") else 2]


@functools.lru_cache(maxsize=2)  # the same geodata for every build of a `make serve` session
def place_files(geo: Geo) -> dict[str, str]:
    """poles/lieux/<shard>.json → content: by postal code {code: [[commune, département, lat, lon]…]};
    by name [[commune, postal codes, département, lat, lon]…] (communes without a point are left out:
    they could not be sorted by distance)."""
    by_code: dict[str, dict[str, list]] = defaultdict(dict)
    codes_of: dict[str, list[str]] = defaultdict(list)
    communes = {}
    for cp, found in sorted(geo.postcodes().items()):
        rows = []
        for c in found:
            if c.lat is None or c.lon is None:
                continue
            rows.append([c.nom, c.departement, round(c.lat, 4), round(c.lon, 4)])
            codes_of[c.insee].append(cp)
            communes[c.insee] = c
        if rows:
            by_code[shard_of(cp, cp)][cp] = rows  # a postal code is its own fold
    by_name: dict[str, list] = defaultdict(list)
    names = sorted({c.nom for c in communes.values()})
    folded = dict(zip(names, fold_many(names), strict=True))  # 35,000 names folded in one pass
    for insee, c in communes.items():
        assert c.lat is not None and c.lon is not None
        row = [c.nom, " ".join(codes_of[insee]), c.departement, round(c.lat, 4), round(c.lon, 4)]
        by_name[shard_of(c.nom, folded[c.nom])].append(row)
    out = {urls.places(k): _compact(v) for k, v in by_code.items()}
    for k, rows in by_name.items():
        out[urls.places(k)] = _compact(sorted(rows, key=lambda r: (folded[r[0]], r[2], r[1])))
    return dict(sorted(out.items()))


def explorer(from_uri: str) -> str:
    """The filter form, hidden until the script has read the data (the A–Z list stays for readers
    without JavaScript)."""
    data = rel(urls.DIRECTORY_DATA, from_uri)
    places = rel(urls.places("_"), from_uri).removesuffix("_.json")
    fiche = rel(urls.pole("_"), from_uri).removesuffix("_.md")
    selects = []
    for name, label, _ in FACETS:
        selects.append(
            f'<p><label for="filtre-{name}">{esc(label)}</label>'
            f'<select id="filtre-{name}" name="{name}"><option value="">Tous</option></select></p>'
        )
    sorts = "".join(f'<option value="{k}">{esc(v)}</option>' for k, v in SORTS)
    return f"""<div id="annuaire" class="ptce-annuaire" data-donnees="{esc(data)}" data-lieux="{esc(places)}"
 data-fiches="{esc(fiche)}" hidden>
<form id="annuaire-filtres" role="search" aria-label="Filtrer l'annuaire">
<fieldset class="ptce-pres"><legend>Près de chez moi</legend>
<p><label for="filtre-lieu">Code postal ou commune</label>
<input id="filtre-lieu" name="lieu" type="text" autocomplete="off" list="lieux-suggestions"
 aria-describedby="lieu-aide">
<datalist id="lieux-suggestions"></datalist>
<button type="button" id="lieu-position" class="md-button">Utiliser ma position</button></p>
<p id="lieu-aide" class="ptce-aide">Par exemple 44200 ou Nantes. Votre position, si vous la donnez, reste
dans votre navigateur.</p>
<p id="lieu-message" class="ptce-message" role="status"></p>
</fieldset>
<details id="annuaire-boite" class="ptce-filtres" open><summary>Filtres et tri</summary>
<fieldset class="ptce-facettes"><legend class="md-visually-hidden">Filtres et tri</legend>
<p><label for="filtre-texte">Nom, commune ou mot du nom</label>
<input id="filtre-texte" name="q" type="search" autocomplete="off"></p>
{"".join(selects)}
<p><label for="filtre-tri">Trier par</label><select id="filtre-tri" name="tri">{sorts}</select></p>
<p><button type="reset" class="md-button">Effacer les filtres</button></p>
</fieldset>
</details>
</form>
<p id="annuaire-message" class="ptce-message" role="status"></p>
<p id="annuaire-compte" class="ptce-compte" aria-live="polite"></p>
<div id="annuaire-resultats"></div>
</div>
"""
