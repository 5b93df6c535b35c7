"""The model's other hypotheses (``translate --alternatives N``), kept as advice in an entry's notes, in one
wording that this module both writes and reads back: the review DOCX shows the notes as they are, the review
XLIFF writes each as a translation candidate of its segment (XLIFF 2.0 Translation Candidates module,
``<mtc:match type="mt">``), and a review import never takes one as a target.

Note wording: ``alternative N[ of sentence K] (model score S; advice only): TEXT`` -- N from 2 (1 is the
text itself), K the 1-based sentence of a clause of several sentences, S the model's log-probability.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_NOTE = regex.compile(r"alternative (?P<n>\d+)(?: of sentence (?P<k>\d+))? \(model score (?P<s>-?\d+(?:\.\d+)?); "
                      r"advice only\): (?P<text>.+)", regex.S)


@dataclass(frozen=True)
class Alternative:
    """One other hypothesis: its rank ``n`` (2 = the second best), the ``sentence`` it translates (1-based;
    None: the clause is one sentence), the model's ``score`` (log-probability) and the ``text``."""

    n: int
    sentence: int | None
    score: float
    text: str

    def note(self) -> str:
        where = f" of sentence {self.sentence}" if self.sentence is not None else ""
        return f"alternative {self.n}{where} (model score {self.score:.2f}; advice only): {self.text}"


def read_alternative(note: str) -> Alternative | None:
    """The alternative a note holds (see the module docstring), or None for any other note."""
    m = _NOTE.fullmatch(note)
    if m is None:
        return None
    return Alternative(int(m["n"]), int(m["k"]) if m["k"] else None, float(m["s"]), m["text"])
