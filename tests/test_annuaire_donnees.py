"""What the directory's script reads (poles/annuaire.json, poles/lieux/): every commune reachable, nothing
personal published, names the files take reserved."""

from __future__ import annotations

import json

from conftest import ROOT, fixture_data

from ptce.records.corpus import load
from ptce.records.geo import Geo
from ptce.render import directory
from ptce.text import urls

GEO = Geo.load(ROOT / "data" / "geo")


def test_every_postcode_and_commune_is_in_the_file_its_prefix_names():
    files = {path: json.loads(text) for path, text in directory.place_files(GEO).items()}
    lines = (ROOT / "data/geo/codes_postaux.tsv").read_text(encoding="utf-8").splitlines()[1:]
    communes = {
        r[0]: r
        for r in (x.split("\t") for x in (ROOT / "data/geo/communes.tsv").read_text().splitlines()[1:])
    }
    for line in lines[::50]:  # one postal code in 50, read from the committed file
        code, insees = line.split("\t")
        shard = files[urls.places("cp-" + code[:2])]
        names = {row[0] for row in shard[code]}
        assert {communes[i][1] for i in insees.split(",") if communes[i][3]} == names, code
    for insee, name, dept, lat, _ in list(communes.values())[::200]:
        if not lat:
            continue
        key = name.lower()
        shard = [f for p, f in files.items() if p.startswith("poles/lieux/nom-")]
        assert any(row[0] == name and row[2] == dept for f in shard for row in f), (insee, key)


def test_saint_names_are_split_further_than_two_letters():
    """About 4,000 communes start with « Saint »: one file for them all would weigh 250 KB."""
    assert directory.shard_of("Saint-Étienne") == "nom-saintet"
    assert directory.shard_of("St Etienne") == "nom-saintet"
    assert directory.shard_of("Nantes") == "nom-na"
    assert directory.shard_of("44200") == "cp-44"
    sizes = [len(t) for t in directory.place_files(GEO).values()]
    assert max(sizes) < 100_000


def test_directory_data_lists_each_pole_without_personal_contacts(tmp_path):
    corpus = load(fixture_data(tmp_path))
    places = list(directory.place_files(GEO))
    data = json.loads(directory.directory_data(corpus, GEO, places))
    rows = [dict(zip(data["champs"], row, strict=True)) for row in data["poles"]]
    assert [r["id"] for r in rows] == [e.slug for e in corpus.poles]
    archer = next(r for r in rows if r["id"] == "pole-sud-archer")
    assert archer["region"] == "Auvergne-Rhône-Alpes" and archer["departement"] == "26"
    assert archer["point"] and len(archer["point"]) == 2
    text = json.dumps(data, ensure_ascii=False)
    assert "@" not in text and "04 75" not in text  # no e-mail, no phone: the fiche page has them
    assert set(data["lieux"]) == {p.rsplit("/", 1)[1].removesuffix(".json") for p in places}
    assert data["libelles"]["statuts"]["pole-temoin"] == "Pôle témoin"


def test_a_pole_cannot_be_named_like_the_directory_files():
    taken = urls.taken_names("poles")
    assert {"annuaire", "lieux"} <= taken
