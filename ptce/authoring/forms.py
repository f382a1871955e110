"""From the body of an issue opened with one of the forms (ptce/authoring/formspec.py) to a fiche, or to the
list of what the contributor must fix: pure, no network, no file written.

GitHub writes an issue form's answers as Markdown: one ``### Label`` heading per question in the form's
order, the answer below it, ``_No response_`` for an empty one, ``- [X] option`` / ``- [ ] option`` for
checkboxes, and a dropdown's chosen labels joined by ``, ``. The body may also have been edited by hand
(headings removed, Windows line ends), and every answer is hostile until checked.

Each answer is checked with the model's own field rules through ``scaffold.check_answer`` (the checks of
scripts/nouveau_pole.py), then the fiche is placed, named and checked for duplicates by
``ptce.authoring.drafting`` (the script's steps), rendered in canonical form and validated again as a
file, as the build will read it. A problem is one line of French naming the form's question, never a
YAML key: « Code postal » : « 1400 » n'est pas un code postal…

A correction names an existing fiche and gives « Nom du champ : valeur » lines: the fiche is patched
through ptce.authoring.canonical (its comments kept, only those fields changed). A correction without
such a line is too free-form to patch: no file is changed and the explanation goes to the maintainers
(see ``Outcome.manual``).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass, field

from ptce.authoring import canonical, drafting, scaffold
from ptce.authoring.formspec import FICHE, FORMS, SEPARATOR, SITE, Form, Question, same_text, shape
from ptce.records import duplicates
from ptce.records.errors import DataError, show
from ptce.records.fields import suggestion
from ptce.records.geo import Commune
from ptce.records.kinds import BY_FOLDER, BY_KEY
from ptce.records.places import locate
from ptce.records.sourcefile import parse_text
from ptce.records.validation import validate
from ptce.text import html, urls
from ptce.text.characters import fold, invisible_char

NO_RESPONSE = "_No response_"
MAX_ISSUE = 200_000  # characters of a whole body (GitHub stops at 65,536): beyond, nothing is read
MAX_ANSWER = 3_000  # characters of one answer (the models' longest text)
MAX_PRESENTATION = html.MAX_BODY_CHARS
WHOLE_FICHE = "Fiche"  # what a problem of the whole file is attached to

_HTML = re.compile(r"<\s*/?\s*[A-Za-z][^>]{0,60}>?|<!--|<!\[?[A-Za-z]")
_TEMPLATE = re.compile(r"\{\{|\{%|\{#|\}\}|%\}")
_YAML_TAG = re.compile(r"!![^\s]*|(?:^|(?<=\s))![A-Za-z<][^\s]*")
_HEADING = re.compile(r"^###[ \t]+(.*?)[ \t]*$", re.M)
_CHECKBOX = re.compile(r"^\s*[-*]\s*\[( |x|X)\]\s*(.*)$")


@dataclass
class Outcome:
    """What the bot does with an issue: write ``text`` at ``path``, or report ``problems``."""

    form: str  # pole, evenement or correction
    problems: list[str] = field(default_factory=list)  # one line of French each
    kind: str | None = None  # pole or evenement
    path: str | None = None  # data/poles/… or data/events/…
    text: str | None = None  # the whole new content of path
    created: bool = False  # a new fiche (else a corrected one)
    notes: list[str] = field(default_factory=list)  # for the reviewers (sources to describe…)
    changes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # correction
    explanation: str | None = None  # correction: the contributor's words
    manual: bool = False  # a correction without a line to apply: for a maintainer

    @property
    def ok(self) -> bool:
        return not self.problems


def normalise(body: str) -> str:
    return (body or "").replace("\r\n", "\n").replace("\r", "\n")


_YAML_ADVICE = re.compile(
    r" : un code qui commence par 0 doit s'écrire entre guillemets, ex\. \"\d+\"| \(entre guillemets\)"
    r"|,? entre guillemets"
)


def line(label: str, message: str, where: str = "") -> str:
    """One problem: « Label », where : message (without the validator's advice on YAML quotes, which a
    form does not have)."""
    return f"« {label} »{', ' + where if where else ''} : {_YAML_ADVICE.sub('', message)}"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


# --------------------------------------------------------------------------- the Markdown body


def parse_body(body: str, form: Form) -> tuple[dict[str, str | None], list[str]]:
    """Answers by question id (None for an empty one) and the problems of the body's layout."""
    text = normalise(body)
    if len(text) > MAX_ISSUE:
        return {}, [
            line(
                form.name,
                f"texte de l'issue trop long ({_number(len(text))} caractères, maximum "
                f"{_number(MAX_ISSUE)}) : raccourcissez vos réponses",
            )
        ]
    found = [(m.start(), m.end(), m.group(1)) for m in _HEADING.finditer(text)]
    heads: list[tuple[Question, int, int]] = []
    problems = []
    k = 0
    for q in form.questions:
        i = next((i for i in range(k, len(found)) if same_text(found[i][2], q.label)), None)
        if i is None:
            problems.append(
                line(
                    q.label,
                    "rubrique absente du texte de l'issue : gardez les titres « ### » écrits par le "
                    "formulaire, et leur ordre",
                )
            )
            continue
        heads.append((q, found[i][0], found[i][1]))
        k = i + 1
    answers: dict[str, str | None] = {q.id: None for q in form.questions}
    for i, (q, _, end) in enumerate(heads):
        stop = heads[i + 1][1] if i + 1 < len(heads) else len(text)
        value = text[end:stop].strip()
        answers[q.id] = None if value in ("", NO_RESPONSE) else value
    return answers, problems


def checked(q: Question, answer: str | None) -> list[bool]:
    """Which options of a checkboxes question are ticked (matched by their text, spacing aside)."""
    ticks = [(m.group(2), m.group(1) != " ") for m in map(_CHECKBOX.match, (answer or "").split("\n")) if m]
    return [any(tick for said, tick in ticks if same_text(said, text)) for text, _ in q.options]


def hostile(answer: str, limit: int = MAX_ANSWER) -> str | None:
    """Why an answer cannot be taken as plain text, in French (size, invisible characters, markup)."""
    if len(answer) > limit:
        return f"réponse trop longue ({len(answer)} caractères, maximum {limit}) : raccourcissez-la"
    bad = invisible_char(answer)
    if bad:
        return (
            f"caractère de contrôle ou invisible {bad} : retapez le texte au clavier plutôt que de le "
            "copier-coller"
        )
    m = _HTML.search(answer)
    if m:
        return f"balise HTML {show(m.group(), 30)} : écrivez du texte simple, sans balise"
    m = _TEMPLATE.search(answer)
    if m:
        return (
            f"{show(m.group())} : les accolades doubles et « {{% » sont réservées aux gabarits du site, "
            "retirez-les"
        )
    m = _YAML_TAG.search(answer)
    if m:
        return f"{show(m.group(), 30)} : une balise YAML n'est pas acceptée, retirez le « ! »"
    return None


# --------------------------------------------------------------------------- one answer


class _Refused(Exception):
    """An answer that cannot be used: the problem lines are already recorded."""


class _Reader:
    """Turns the answers of one form into the values of a fiche, recording problems by question."""

    def __init__(self, form: Form, kind: str, repo: drafting.Repository):
        self.form, self.kind, self.repo = form, kind, repo
        self.model = BY_KEY[kind].model
        self.context = repo.context(kind)
        self.found: list[tuple[int, str]] = []  # (order of the question in the form, problem)
        self.failed: set[str] = set()  # question ids with a problem already
        self.settled: set[str] = set()  # question ids whose answer itself failed (before the file check)
        self.notes: list[str] = []
        self.within: tuple[str, str] | None = None  # a correction: (question, where) of the line read

    def problem(self, q: Question, message: str, where: str = "") -> None:
        if self.within:
            message = f"« {q.label} »{', ' + where if where else ''} : {message}"
            label, where = self.within
        else:
            label = q.label
        order = next((i for i, other in enumerate(self.form.questions) if other.id == q.id), 0)
        self.found.append((order, line(label, message, where)))
        self.failed.add(q.id)

    @property
    def problems(self) -> list[str]:
        """In the order of the form's questions."""
        return [text for _, text in sorted(self.found, key=lambda item: item[0])]

    def scalar(self, model, name: str, raw: str | None, required: bool, label: str):
        """One value through the model's field rules (scaffold.check_answer); ScaffoldError on a problem."""
        sq = scaffold.Question(name, "", label, model, name, required=required)
        value = scaffold.check_answer(sq, raw, self.context)
        if value and shape(model, (name,)).type_label == "heure":
            value = value[:5]  # check_answer gives a time as "09:30:00"; the model reads "HH:MM"
        return value

    def vocabulary(self, section: str, raw: str, many: bool) -> list[str] | str:
        """Keys of the French labels a dropdown wrote (a key is accepted too); ScaffoldError otherwise."""
        entries = self.repo.vocabulaires.get(section) or {}
        by_label = {fold(str((v or {}).get("libelle", k))): k for k, v in entries.items()}
        by_label.update({fold(k): k for k in entries})
        pieces = [p.strip() for p in raw.split(",")] if many else [raw.strip()]
        keys, i = [], 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):  # longest run of pieces that is one label (labels hold ", ")
                key = by_label.get(fold(", ".join(pieces[i:j])))
                if key:
                    keys.append(key)
                    i = j
                    break
            else:
                if pieces[i]:
                    labels = [str((v or {}).get("libelle", k)) for k, v in entries.items()]
                    raise scaffold.ScaffoldError(
                        f"{show(pieces[i])} n'est pas une valeur de la liste.{suggestion(pieces[i], labels)} "
                        f"Valeurs possibles : {', '.join(labels)}"
                    )
                i += 1
        return keys if many else keys[0]

    def value(self, q: Question, raw: str | None):
        """The value of a field question as the reader gives it back (text, list, list of blocks)."""
        s = shape(self.model, q.path)
        if raw is not None:
            bad = hostile(raw)
            if bad:
                self.problem(q, bad)
                raise _Refused
        try:
            if s.boolean:
                return "true" if raw and any(checked(q, raw)) else None
            if raw is None:
                if s.required:
                    raise scaffold.ScaffoldError("réponse obligatoire")
                return None
            if s.block:
                return self.blocks(q, s, raw)
            if q.id == "sources":
                return self.sources(q, raw)
            if s.vocabulary:
                raw = self.vocabulary(s.vocabulary, raw, s.many)
                if s.many:
                    raw = ",".join(raw)
            if q.path == ("poles",):
                raw = ",".join(_pole_name(p) for p in raw.split(","))
            sq = scaffold.Question(
                q.path[-1], "", q.label, s.owner, q.path[-1], s.required, separator="," if s.many else None
            )
            return scaffold.check_answer(sq, raw, self.context)
        except scaffold.ScaffoldError as exc:
            self.problem(q, str(exc))
            raise _Refused from None

    def blocks(self, q: Question, s, raw: str) -> list[dict]:
        """One block per non-empty line, its parts separated by « ; » in the order of q.columns."""
        out, ok = [], True
        rows = [r for r in raw.split("\n") if r.strip()]
        for n, row in enumerate(rows, 1):
            parts = [p.strip() for p in row.split(SEPARATOR)]
            where = f"ligne {n}" if len(rows) > 1 or n > 1 else ""
            if len(parts) > len(q.columns):
                names = f" {SEPARATOR} ".join(label for _, label in q.columns)
                self.problem(
                    q,
                    f"{len(parts)} parties séparées par « {SEPARATOR} », {len(q.columns)} au plus ({names})",
                    where,
                )
                ok = False
                continue
            block = {}
            for (sub, label), part in zip(q.columns, parts + [""] * len(q.columns), strict=False):
                sub_shape = shape(s.block, (sub,))
                try:
                    if part and sub_shape.vocabulary:
                        part = self.vocabulary(sub_shape.vocabulary, part, False)
                    value = self.scalar(s.block, sub, part or None, sub_shape.required, label)
                except scaffold.ScaffoldError as exc:
                    self.problem(q, f"{label} : {exc}", where)
                    ok = False
                    continue
                if value is not None:
                    block[sub] = value
            out.append(block)
        if not ok:
            raise _Refused
        return out

    def sources(self, q: Question, raw: str) -> list[str]:
        """Identifiers of data/sources.yml; a line that is not one describes a document for the team."""
        known = self.repo.sources
        ids = []
        for row in (r.strip() for r in raw.split("\n")):
            if not row:
                continue
            words = [w.strip() for w in row.split(",")]
            if all(urls.SLUG.fullmatch(w) for w in words):
                for w in words:
                    if w in known:
                        ids.append(w)
                    elif suggestion(w, known):
                        self.problem(q, f"{show(w)} n'est pas un document connu.{suggestion(w, known)}")
                    else:
                        self.notes.append(f"Source à décrire dans data/sources.yml : {w}")
                continue
            self.notes.append(f"Source à décrire dans data/sources.yml : {row}")
        if q.id in self.failed:
            raise _Refused
        return list(dict.fromkeys(ids))

    def presentation(self, q: Question, raw: str | None) -> str | None:
        if raw is None:
            return None
        bad = hostile(raw, MAX_PRESENTATION)
        if not bad and "![" in raw:
            bad = "image non acceptée dans le formulaire : décrivez-la, l'équipe l'ajoutera"
        if not bad:
            found = html.body_problem(raw)
            bad = found[1] if found else None
        if bad:
            self.problem(q, bad)
            return None
        return raw

    def place(self, q_code: Question, q_commune: Question, block: dict) -> Commune | None:
        """The commune of the postal code (drafting.place), its official name written in block."""
        if not block.get("code_postal"):
            return None
        try:
            commune = drafting.place(self.repo.geo, block)
        except scaffold.AmbiguousCommune as exc:
            names = ", ".join(c.nom for c in exc.candidates)
            if block.get("commune"):
                self.problem(q_commune, str(exc))
            else:
                self.problem(
                    q_commune,
                    f"plusieurs communes ont le code postal {block['code_postal']} : indiquez laquelle "
                    f"(parmi : {names})",
                )
            return None
        except scaffold.ScaffoldError as exc:
            self.problem(q_code, str(exc))
            return None
        block["commune"] = commune.nom
        return commune

    def question(self, path: tuple[str, ...]) -> Question:
        return next(q for q in self.form.questions if q.path == path)

    # ----------------------------------------------------------------- the file, read back

    def file_problems(self, path: str, text: str) -> None:
        """The new file as the build reads it: validation by the model, then its place."""
        self.settled = set(self.failed)
        src = parse_text(text, path)
        record, errors = validate(self.model, src, self.context)
        if record is not None:
            where = record if self.kind == "pole" else record.lieu
            prefix = () if self.kind == "pole" else ("lieu",)
            if where is not None:
                _, problems = locate(self.repo.geo, where, prefix)
                errors += [DataError(path, src.line_of(loc), _dotted(loc), msg) for loc, msg in problems]
        for error in errors:
            self.data_error(error)

    def data_error(self, error: DataError) -> None:
        """A validator's error, named by the form's question (never reported twice for one question)."""
        parts = error.field.split(".") if error.field else []
        questions = [q for q in self.form.questions if q.path]
        for size in range(len(parts), 0, -1):
            q = next((q for q in questions if q.path == tuple(parts[:size])), None)
            if q is None:
                continue
            if q.id in self.settled:
                return
            rest = parts[size:]
            where = ""
            if q.columns and rest and rest[0].isdigit():
                where = f"ligne {rest[0]}"
                label = dict(q.columns).get(rest[1]) if len(rest) > 1 else None
                message = f"{label} : {error.message}" if label else error.message
            else:
                message = error.message
            self.problem(q, message, where)
            return
        label = "Présentation" if error.field == "corps" else WHOLE_FICHE
        self.found.append((len(self.form.questions), line(label, error.message)))


def _dotted(loc: tuple) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in loc)


def _pole_name(text: str) -> str:
    """The name of a pole's fiche from its page's address (…/poles/<name>/) or the name itself."""
    m = re.search(r"/poles/([^/\s]+)/?\s*$", text.strip())
    return m.group(1) if m else text.strip()


def _set(data: dict, path: tuple[str, ...], value) -> None:
    """Write value at path (blocks made as needed); an empty value removes the field, and its block when
    nothing else is left in it."""
    if value in (None, [], ""):
        parents = [data]
        for name in path[:-1]:
            if not isinstance(parents[-1].get(name), dict):
                return
            parents.append(parents[-1][name])
        parents[-1].pop(path[-1], None)
        for parent, name in zip(reversed(parents[:-1]), reversed(path[:-1]), strict=True):
            if parent.get(name) == {}:
                del parent[name]
        return
    for name in path[:-1]:
        data = data.setdefault(name, {})
    data[path[-1]] = value


# --------------------------------------------------------------------------- a new fiche


def convert(form_key: str, body: str, repo: drafting.Repository, today: dt.date | None = None) -> Outcome:
    """The outcome of an issue opened with the form form_key (a key of formspec.FORMS)."""
    form = FORMS[form_key]
    answers, layout = parse_body(body, form)
    outcome = Outcome(form_key, list(layout))
    if not answers:
        return outcome
    unticked = [
        line(q.label, f"cochez « {text} » (obligatoire)")
        for q in form.questions
        if q.widget == "checkboxes"
        for (text, needed), tick in zip(q.options, checked(q, answers.get(q.id)), strict=True)
        if needed and not tick
    ]
    outcome = (
        _correct(form, answers, repo, outcome) if form.kind is None else _create(form, answers, repo, outcome)
    )
    outcome.problems += unticked  # the accords close every form
    return outcome


def _create(form: Form, answers: dict, repo: drafting.Repository, outcome: Outcome) -> Outcome:
    kind = form.kind
    assert kind
    reader = _Reader(form, kind, repo)
    data: dict = {}
    for q in form.questions:
        if not q.path:
            continue
        try:
            _set(data, q.path, reader.value(q, answers.get(q.id)))
        except _Refused:
            continue
    body = reader.presentation(
        next(q for q in form.questions if q.id == "presentation"), answers["presentation"]
    )
    _consent(reader, form, answers, data)
    if kind == "pole":
        commune = reader.place(reader.question(("code_postal",)), reader.question(("commune",)), data)
    else:
        # between answers, as scripts/nouveau_pole.py checks them (the file check below says the rest)
        for name, problem in scaffold.cross_problems(kind, data).items():
            reader.problem(reader.question((name,)), problem)
        data.setdefault("statut", "programme")
        commune = None
        if "lieu" in data:
            commune = reader.place(
                reader.question(("lieu", "code_postal")), reader.question(("lieu", "commune")), data["lieu"]
            )
        if commune and not data.get("fuseau") and scaffold.zone_for(commune):
            data["fuseau"] = scaffold.zone_for(commune)
    title = reader.question(("nom",) if kind == "pole" else ("titre",))
    slug = None
    if title.id not in reader.failed and (kind == "pole" or "debut" not in reader.failed):
        slug = _slug(reader, kind, title, data, commune, answers)
    # the file is read back even when an answer failed, so that problems between answers are reported at
    # once: a required answer that failed stands in as a neutral value (its own problem is already said)
    draft = drafting.render(kind, slug or "formulaire", data, body or "")
    if kind == "pole" or "debut" not in reader.failed:
        filled = _stand_ins(kind, data, reader.failed, repo)
        reader.file_problems(draft.path, drafting.render(kind, slug or "formulaire", filled, body or "").text)
    outcome.problems += reader.problems
    outcome.notes += reader.notes
    outcome.kind = kind
    if slug is None or outcome.problems:
        return outcome
    outcome.path, outcome.text, outcome.created = draft.path, draft.text, True
    return outcome


def _stand_ins(kind: str, data: dict, failed: set[str], repo: drafting.Repository) -> dict:
    """data with a neutral value in each required field whose answer failed (for the file check only)."""
    filled = copy.deepcopy(data)
    if kind == "pole":
        stand_in = {"nom": "Sans nom", "date_maj": "2000-01-01"}
    else:
        stand_in = {
            "titre": "Sans titre",
            "type": next(iter(repo.vocabulaires.get("types_evenement") or {"x": 0})),
        }
    for name, value in stand_in.items():
        if name in failed or name not in filled:
            filled[name] = value
    return filled


def _consent(reader: _Reader, form: Form, answers: dict, data: dict) -> None:
    """A responsable's own phone or e-mail is written only with the contributor's « Coordonnées
    personnelles » box ticked, and then with public: true (the privacy rule of the model)."""
    q_contacts = next((q for q in form.questions if q.id == "contacts"), None)
    if q_contacts is None or not data.get("responsables"):
        return
    agreed = any(checked(q_contacts, answers.get("contacts")))
    q = reader.question(("responsables",))
    for n, person in enumerate(data["responsables"], 1):
        if not (person.get("telephone") or person.get("courriel")):
            continue
        if agreed:
            person["public"] = "true"
        else:
            reader.problem(
                q,
                f"téléphone ou courriel direct de {show(person.get('nom', ''))} sans son accord : cochez la "
                f"case de « {q_contacts.label} » si la personne accepte leur publication, sinon retirez-les",
                f"ligne {n}" if len(data["responsables"]) > 1 else "",
            )


def _slug(reader: _Reader, kind: str, title: Question, data: dict, commune, answers: dict) -> str | None:
    """The new fiche's file name, after the duplicate check of scripts/nouveau_pole.py."""
    named = {"nom" if kind == "pole" else "titre": data.get("nom" if kind == "pole" else "titre")}
    if kind == "evenement":
        named["debut"] = data.get("debut")
    try:
        slug = scaffold.make_slug(kind, named, None, reader.repo.docs)
    except scaffold.ScaffoldError as exc:
        message = str(exc).replace(" (option --identifiant)", "")
        if "--identifiant" in message:
            message = "impossible d'en tirer une adresse de page : ajoutez des lettres ou des chiffres"
        reader.problem(title, message)
        return None
    found = drafting.probable_duplicates(kind, slug, named, commune, reader.repo)
    if found:
        listed = " ; ".join(f"{_page(o.path)} ({reason})" for o, reason in found)
        what = "ce pôle" if kind == "pole" else "cet événement"
        q_dup = next(q for q in reader.form.questions if q.id == "doublon")
        if duplicates.certain(found) or drafting.refused_by_build(kind, slug, named, commune, reader.repo):
            reader.problem(
                title,
                f"{what} a déjà une fiche : {listed}. Le site n'en publierait pas une seconde : proposez "
                "plutôt une correction depuis sa page (« Proposer une correction »)",
            )
            return None
        if not any(checked(q_dup, answers.get("doublon"))):
            reader.problem(
                title,
                f"{what} a probablement déjà une fiche : {listed}. Proposez plutôt une correction depuis sa "
                f"page ; s'il s'agit vraiment d'un autre, cochez la case de « {q_dup.label} »",
            )
            return None
        reader.notes.append(
            "Le contributeur a vérifié qu'il ne s'agit pas d'un doublon de : "
            + " ; ".join(f"{o.path} ({reason})" for o, reason in found)
        )
    return drafting.free_slug(kind, slug, reader.repo)


def _page(path: str) -> str:
    """The public address of a fiche's page (data/poles/x.md → https://ptce.fr/poles/x/)."""
    folder, _, name = path.removeprefix("data/").partition("/")
    kind = BY_FOLDER.get(folder)
    if kind is None:
        return path
    return f"{SITE}/{kind.address(name.removesuffix('.md')).removesuffix('.md')}/"


# --------------------------------------------------------------------------- a correction


def fiche_path(answer: str | None, repo: drafting.Repository) -> str | None:
    """The file of data/ that an address or a path names (https://ptce.fr/poles/x/, data/poles/x.md…)."""
    text = (answer or "").strip()
    m = re.fullmatch(
        r"(?:https?://[^/\s]+)?/?(?:(?P<section>poles|agenda)/(?P<name>[a-z0-9-]+)/?(?:index\.html)?"
        r"|data/(?P<folder>poles|events)/(?P<file>[a-z0-9-]+)\.md)",
        text,
    )
    if not m:
        return None
    if m["section"]:
        folder, name = ("poles" if m["section"] == "poles" else "events"), m["name"]
    else:
        folder, name = m["folder"], m["file"]
    path = f"data/{folder}/{name}.md"
    return path if path in repo.texts else None


def _correct(form: Form, answers: dict, repo: drafting.Repository, outcome: Outcome) -> Outcome:
    q_fiche = next(q for q in form.questions if q.id == FICHE)
    explanation = answers.get("explication")
    for q in form.questions:
        if q.required and not answers.get(q.id):
            outcome.problems.append(line(q.label, "réponse obligatoire"))
        elif answers.get(q.id):
            limit = MAX_PRESENTATION if q.id == "explication" else MAX_ANSWER
            bad = hostile(answers[q.id], limit)
            if bad:
                outcome.problems.append(line(q.label, bad))
    if outcome.problems:
        return outcome
    path = fiche_path(answers[FICHE], repo)
    if path is None:
        outcome.problems.append(
            line(
                q_fiche.label,
                f"aucune fiche à l'adresse {show(answers[FICHE])} : donnez l'adresse de sa page, ex. "
                f"{SITE}/poles/…/ ou {SITE}/agenda/…/",
            )
        )
        return outcome
    kind = BY_FOLDER[path.split("/")[1]].key
    outcome.kind, outcome.path, outcome.explanation = kind, path, explanation
    creation = FORMS[kind]
    reader = _Reader(creation, kind, repo)
    original = canonical._normalise(repo.texts[path])
    src = parse_text(original, path)
    if src.data is None:
        outcome.problems.append(
            line(q_fiche.label, "la fiche actuelle ne se lit pas : l'équipe doit la réparer")
        )
        return outcome
    data = copy.deepcopy(src.data)
    q_changes = next(q for q in form.questions if q.id == "modifications")
    moved = set()
    rows = [r for r in (answers.get("modifications") or "").split("\n") if r.strip()]
    fixable = [q for q in creation.questions if q.path and not q.columns]
    said: list[tuple[int, str]] = []  # (line, problem) of the modifications, in their order
    for n, row in enumerate(rows, 1):
        where = f"ligne {n}" if len(rows) > 1 else ""
        name, colon, raw = row.partition(":")
        q = _fixable(name, creation) if colon else None
        if q is None:
            other = _fixable(name, creation, blocks=True) if colon else None
            if other is not None:
                message = (
                    f"« {other.label} » ne se corrige pas sur une ligne : décrivez la correction dans "
                    "« Explication »"
                )
            elif colon:
                names = ", ".join(f"« {f.label} »" for f in fixable)
                message = f"{show(name.strip())} n'est pas un champ d'une fiche de ce type. Champs : {names}"
            else:
                message = "« Nom du champ : nouvelle valeur » attendu (deux-points manquant)"
            said.append((n, line(q_changes.label, message, where)))
            continue
        reader.within = (q_changes.label, where)
        try:
            value = reader.value(q, raw.strip() or None)
        except _Refused:
            said += [(n, text) for _, text in reader.found]
            reader.found.clear()
            continue
        finally:
            reader.within = None
        before = _get(src.data, q.path)
        _set(data, q.path, value)
        outcome.changes.append((q.label, _shown(before), _shown(value)))
        moved.add(q.path[-1])
    outcome.problems += [text for _, text in sorted(said, key=lambda item: item[0])]
    q_sources = next(q for q in form.questions if q.id == "sources")
    if answers.get("sources"):
        try:
            ids = reader.sources(q_sources, answers["sources"])
        except _Refused:
            ids = []
        known = data.get("sources") if isinstance(data.get("sources"), list) else []
        added = [i for i in ids if i not in known]
        if added:
            data["sources"] = known + added
            outcome.changes.append((q_sources.label, _shown(known), _shown(data["sources"])))
    outcome.problems += reader.problems
    reader.found.clear()
    outcome.notes += reader.notes
    if outcome.problems:
        return outcome
    if moved & {"code_postal", "commune"}:
        _replace(reader, kind, data, src.data)
        outcome.problems += reader.problems
        reader.found.clear()
        if outcome.problems:
            return outcome
    if not rows:
        outcome.manual = True
        outcome.path = path
        return outcome
    yaml_text, rest = canonical.split(original)
    comments = canonical._find_comments(yaml_text)
    text = canonical.dump(reader.model, data, comments.header, comments) + rest
    if data == src.data:
        outcome.problems.append(line(q_changes.label, "la fiche contient déjà ces valeurs : rien à changer"))
        return outcome
    reader.file_problems(path, text)
    outcome.problems += reader.problems
    if not outcome.problems:
        outcome.text = text
    return outcome


def _fixable(name: str, form: Form, blocks: bool = False) -> Question | None:
    """The question a correction line names, by its label or its field name (accents and case aside)."""
    key = fold(name)
    for q in form.questions:
        if q.path and bool(q.columns) == blocks and key in (fold(q.label), fold(q.id), fold(q.path[-1])):
            return q
    return None


def _get(data, path: tuple[str, ...]):
    for name in path:
        data = data.get(name) if isinstance(data, dict) else None
    return data


def _shown(value) -> str | None:
    if value in (None, [], ""):
        return None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


_DERIVED = ("code_insee", "departement", "region", "ancienne_region", "coordonnees")


def _replace(reader: _Reader, kind: str, data: dict, before: dict) -> None:
    """A new postal code or commune: the commune's official name again, and what was derived from the
    former place (INSEE code, département, regions, coordinates) removed."""
    block = data if kind == "pole" else data.get("lieu") or {}
    old = before if kind == "pole" else before.get("lieu") or {}
    prefix: tuple[str, ...] = () if kind == "pole" else ("lieu",)
    q_code, q_commune = reader.question(prefix + ("code_postal",)), reader.question(prefix + ("commune",))
    if block.get("code_postal") and block.get("commune") == old.get("commune"):
        try:
            drafting.place(reader.repo.geo, block)
        except scaffold.ScaffoldError:
            block.pop("commune", None)  # the former commune is not in the new postal code
    reader.place(q_code, q_commune, block)
    for name in _DERIVED if kind == "pole" else ("coordonnees",):
        block.pop(name, None)


def describe_errors(outcome: Outcome, errors: list[DataError], repo: drafting.Repository) -> list[str]:
    """Errors the whole validator found in the new file (scripts/formulaire.py checks it among all the
    fiches), named by the form's questions like the others."""
    if outcome.kind is None:
        return [line(WHOLE_FICHE, e.message) for e in errors]
    reader = _Reader(FORMS[outcome.kind], outcome.kind, repo)
    for error in errors:
        reader.data_error(error)
    return reader.problems
