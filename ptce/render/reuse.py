"""A record's page or file, reused by the preview while everything it read of the corpus is the same.

`make serve` plans the whole site again on every save. A pole's page reads its pole, the events that name
it, labels of the vocabularies…: it is the same page as long as those are the same. `Reuse` calls a render
function with a corpus that notes what the function reads (attributes, and methods with their answers);
in the next plan, the result is reused when the same records (the loader keeps the record of an unchanged
file: same object) and every noted read gives the same answer. A read it cannot follow (the corpus's
own memo) makes the result never reused. tests/test_apercu.py compares a preview with a fresh build
after edits; tests/test_reuse.py checks what each kind of change invalidates.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ptce.records.corpus import Corpus, Entry

_UNFOLLOWED = ("memo",)  # filled while the plan runs: what it holds was read elsewhere


class _Reads:
    """The corpus as a render function sees it, noting what it reads."""

    def __init__(self, corpus: Corpus) -> None:
        object.__setattr__(self, "_corpus", corpus)
        object.__setattr__(self, "reads", [])

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._corpus, name)
        if name in _UNFOLLOWED or name.startswith("_"):
            self.reads.append(None)
        elif callable(value):

            def noted(*args: Any) -> Any:
                answer = value(*args)
                self.reads.append((name, args, answer))
                return answer

            return noted
        else:
            self.reads.append((name, None, value))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("une fonction de rendu ne modifie pas le corpus")


def same(a: Any, b: Any) -> bool:
    """Records by identity (an unchanged file keeps its record), anything else by value."""
    if a is b:
        return True
    if isinstance(a, Entry) or isinstance(b, Entry) or type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and (all(map(operator.is_, a, b)) or all(map(same, a, b)))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def _key(value: Any) -> Any:
    if isinstance(value, Corpus):
        return "corpus"
    if isinstance(value, Entry):
        return ("entry", id(value))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    return value


@dataclass
class _Kept:
    args: tuple  # the call's arguments but the corpus: their records keep the key's ids valid
    reads: list
    value: Any


class Reuse:
    """One preview session's record outputs; a plan calls `begin` first."""

    def __init__(self) -> None:
        self.kept: dict[tuple, _Kept] = {}
        self.used: set[tuple] = set()
        self.corpus: Corpus | None = None
        self.answers: dict[tuple, Any] = {}  # what this plan's corpus answers, asked once per plan
        self.checked: dict[tuple, tuple[Any, bool]] = {}

    def begin(self, corpus: Corpus) -> None:
        """A new plan: forget what the last one did not use (a session holds one site's worth)."""
        self.kept = {k: v for k, v in self.kept.items() if k in self.used}
        self.used, self.corpus, self.answers, self.checked = set(), corpus, {}, {}

    def __call__(self, render: Callable, *args: Any, **kwargs: Any) -> Any:
        key = (render.__module__, render.__qualname__, _key(args), tuple(sorted(kwargs.items())))
        self.used.add(key)
        outside = tuple(a for a in args if not isinstance(a, Corpus))
        kept = self.kept.get(key)
        if kept is not None and same(kept.args, outside) and all(map(self._still, kept.reads)):
            return kept.value
        reads = _Reads(self.corpus)
        value = render(*(reads if isinstance(a, Corpus) else a for a in args), **kwargs)
        self.kept[key] = _Kept(outside, reads.reads, value)
        return value

    def _still(self, read: tuple | None) -> bool:
        """Does this plan's corpus give the answer it gave then?"""
        if read is None:
            return False
        name, args, answer = read
        asked = (name, _key(args))
        checked = (asked, id(answer))
        if checked not in self.checked:
            if asked not in self.answers:
                value = getattr(self.corpus, name)
                self.answers[asked] = value if args is None else value(*args)
            # the answer kept with its verdict: its id cannot be another object's during this plan
            self.checked[checked] = (answer, same(self.answers[asked], answer))
        return self.checked[checked][1]


Own = Callable[..., Any]  # Reuse, or direct: how a caller has a record's part made


def direct(render: Callable, *args: Any, **kwargs: Any) -> Any:
    """What a full build does: the render function, called."""
    return render(*args, **kwargs)
