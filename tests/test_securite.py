"""Security rules that are general mechanisms, tested on their own (the hostile corpus tests them by case)."""

from __future__ import annotations

import csv
import io
import zipfile

from conftest import make_root

from ptce.records.corpus import load
from ptce.records.errors import DataError
from ptce.render import downloads, exports
from ptce.text import html
from ptce.text.characters import look_alike_key, printable

POLE = """---
nom: "{nom}"
code_postal: "01600"
commune: "Trévoux"
date_maj: "2026-11-23"
sources: [plan-action-2013]
---
"""


def test_whole_words_from_another_script_are_duplicates(tmp_path):
    """« СОРЕ » in Cyrillic capitals passes the mixed-script check (no Latin letter in the word) but reads
    as « COPE »: Unicode's skeleton makes the two fiches one pole."""
    root = make_root(
        tmp_path,
        {
            "pole-cope.md": POLE.format(nom="Pôle COPE"),
            "pole-cope-bis.md": POLE.format(nom="Pôle \u0421\u041e\u0420\u0415"),
        },
    )
    errors = [str(e) for e in load(root).errors]
    assert any("doublon probable" in e for e in errors), errors
    assert look_alike_key("Pôle COPE") == look_alike_key("PÔLE cope") == look_alike_key("Pôle\u3164COPE")


def test_messages_never_send_control_characters():
    error = DataError("data/poles/\x1b[31mx.md", 2, "nom", "« \x07\x1b[2J\r »")
    assert str(error) == "data/poles/U+001B[31mx.md:2: nom: « U+0007U+001B[2JU+000D »"
    assert "\x1b" not in error.github_annotation() and "U+001B" in error.github_annotation()
    assert printable("ligne 1\nligne 2") == "ligne 1 ligne 2"


def test_csv_protects_every_text_cell_where_it_is_written(tmp_path):
    """Even a value that never met the validator (here a commune from the geodata, forced) cannot run as
    a formula; numbers keep their sign."""
    root = make_root(tmp_path, {"pole-a.md": POLE.format(nom="Pôle A")})
    corpus = load(root)
    entry = corpus.poles[0]
    forced = entry.fiche.model_copy(
        update={"nom": '=HYPERLINK("https://evil.example")', "structure_porteuse": "@x"}
    )
    corpus.poles = [type(entry)(entry.slug, entry.path, forced, entry.body, entry.place)]
    rows = list(csv.DictReader(io.StringIO(exports.poles_csv(corpus, "https://ptce.fr/").decode("utf-8"))))
    assert rows[0]["nom"] == '\'=HYPERLINK("https://evil.example")'
    assert rows[0]["structure_porteuse"] == "'@x"
    assert exports.spreadsheet_safe("-1.5", "number") == "-1.5"


def test_the_chapter_allow_list_keeps_what_chapters_use_and_nothing_active():
    kept = html.render_chapter(
        '## Titre {: #ancre }\n\n!!! note "Note"\n    Texte\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n'
        "[lien](https://www.exemple.org) et [page](../poles/index.md)[^1]\n\n[^1]: Note."
    )
    assert 'id="ancre"' in kept and 'class="admonition note"' in kept and "text-align" in kept
    assert 'href="https://www.exemple.org"' in kept and 'class="footnote-ref"' in kept
    removed = html.sanitize_chapter(
        '<p onclick="x" style="color:red">a</p><script>b</script><img src="/etc/passwd">'
        '<a href="javascript:x" class="md-button evil">c</a><iframe srcdoc="d"></iframe>'
    )
    assert removed == '<p>a</p><a class="md-button">c</a>'


def _zip(path, files: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)


def test_a_download_with_anything_we_did_not_put_there_is_refused(tmp_path):
    page = '<html xmlns="http://www.w3.org/1999/xhtml"><body>{}</body></html>'
    clean = {
        "mimetype": "application/epub+zip",
        "EPUB/content.opf": "<package/>",
        "EPUB/text/ch001.xhtml": page.format('<p><a href="https://ptce.fr/">ok</a></p>'),
    }
    _zip(tmp_path / "ok.epub", clean)
    assert downloads.package_problems(tmp_path / "ok.epub", "epub") == []
    bad = {
        **clean,
        "EPUB/media/file0.png": "x",
        "EPUB/text/ch002.xhtml": page.format(
            '<p onclick="x">a</p><script>b</script><a href="file:///etc/passwd">c</a>'
        ),
    }
    _zip(tmp_path / "bad.epub", bad)
    problems = " ; ".join(downloads.package_problems(tmp_path / "bad.epub", "epub"))
    for needle in ("EPUB/media/file0.png", "attribut onclick", "élément <script>", "file:///etc/passwd"):
        assert needle in problems, (needle, problems)
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="r1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="file:///C:/evil.dotm" TargetMode="External"/></Relationships>'
    )
    _zip(tmp_path / "bad.docx", {"[Content_Types].xml": "<Types/>", "word/_rels/settings.xml.rels": rels})
    assert any("evil.dotm" in p for p in downloads.package_problems(tmp_path / "bad.docx", "docx"))


def test_chapters_are_checked_with_the_extensions_the_site_renders_them_with():
    """The chapter check and the downloads render with html.CHAPTER_EXTENSIONS: the site's own list."""
    import yaml
    from conftest import ROOT

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0])
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    assert names == html.CHAPTER_EXTENSIONS
