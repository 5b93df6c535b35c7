"""Score translations against references with sacrebleu: BLEU, chrF, TER, per clause and per corpus.

The tokenizer follows the target language (``zh`` for Chinese, ``13a`` otherwise; for Chinese TER
``--ter-normalized --ter-asian-support``), every corpus score carries sacrebleu's signature so a figure can be reproduced with the
sacrebleu command line, and ``compare`` runs sacrebleu's paired bootstrap test between two systems.
sacrebleu is imported inside the functions (it pulls numpy).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from statementkit.errors import InputError, UsageError

METRICS = ("bleu", "chrf", "ter")


@dataclass(frozen=True)
class Aligned:
    """Hypotheses and references paired up; ``ids`` are clause ids or line numbers."""

    ids: tuple[str, ...]
    hyps: tuple[str, ...]
    refs: tuple[str, ...]
    missing: tuple[str, ...] = ()  # ids only the reference has (left out, not scored)
    extra: tuple[str, ...] = ()  # ids only the hypothesis has (left out, not scored)

    @property
    def left_out(self) -> int:
        return len(self.missing) + len(self.extra)


Segments = Mapping[str, str] | Sequence[str]


def align(hyp: Segments, ref: Segments) -> Aligned:
    """Pair by clause id when both sides have ids, scoring only the clauses present in both (the others are
    listed in ``missing`` and ``extra``, never scored as empty); else line by line (then the counts must
    agree).  InputError when nothing pairs up."""
    if isinstance(hyp, Mapping) and isinstance(ref, Mapping):
        if not ref:
            raise InputError("the reference has no segments")
        ids = tuple(i for i in ref if i in hyp)
        missing = tuple(i for i in ref if i not in hyp)
        extra = tuple(i for i in hyp if i not in ref)
        if not ids:
            raise InputError(f"the hypothesis and the reference have no clause id in common ({len(hyp)} and "
                             f"{len(ref)} clauses)")
        return Aligned(ids, tuple(hyp[i] for i in ids), tuple(ref[i] for i in ids), missing, extra)
    hyps = list(hyp.values()) if isinstance(hyp, Mapping) else list(hyp)
    refs = list(ref.values()) if isinstance(ref, Mapping) else list(ref)
    if len(hyps) != len(refs):
        raise InputError(f"the hypothesis has {len(hyps)} segments and the reference {len(refs)}: "
                         "line-aligned input needs as many on each side")
    if not refs:
        raise InputError("the reference has no segments")
    ids = tuple(ref) if isinstance(ref, Mapping) else tuple(str(k) for k in range(1, len(refs) + 1))
    return Aligned(ids, tuple(hyps), tuple(refs))


def metric_objects(lang: str, names: Sequence[str]) -> dict[str, Any]:
    """sacrebleu metric objects, configured for ``lang``."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    unknown = [n for n in names if n not in METRICS]
    if unknown:
        raise UsageError(f"unknown metric {', '.join(unknown)} (choose from {', '.join(METRICS)})")
    make = {
        "bleu": lambda: BLEU(tokenize="zh" if lang == "zh" else "13a"),
        "chrf": lambda: CHRF(),
        # sacrebleu applies TER's Asian support only in its normalising tokenizer: without
        # normalized=True every unspaced Chinese sentence is one token and TER is 100
        "ter": lambda: TER(asian_support=lang == "zh", normalized=lang == "zh"),
    }
    return {n: make[n]() for n in names}


@dataclass(frozen=True)
class CorpusScore:
    metric: str
    score: float
    text: str  # sacrebleu's own formatting, e.g. "BLEU = 34.12 70.1/45.0/…"
    signature: str


@dataclass
class ScoreReport:
    lang: str
    aligned: Aligned
    corpus: list[CorpusScore]
    per_segment: list[tuple[str, float]]  # (id, sentence chrF)
    comparison: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "segments": len(self.aligned.ids),
            "left_out": self.aligned.left_out,
            "missing": list(self.aligned.missing),
            "extra": list(self.aligned.extra),
            "corpus": [{"metric": c.metric, "score": round(c.score, 4), "text": c.text,
                        "signature": c.signature} for c in self.corpus],
            "per_segment": [{"id": i, "chrf": round(s, 2)} for i, s in self.per_segment],
            **({"comparison": self.comparison} if self.comparison else {}),
        }


def score(aligned: Aligned, lang: str, metrics: Sequence[str] = METRICS) -> ScoreReport:
    objs = metric_objects(lang, metrics)
    refs = [list(aligned.refs)]
    corpus = []
    for name, m in objs.items():
        res = m.corpus_score(list(aligned.hyps), refs)
        corpus.append(CorpusScore(name, float(res.score), str(res), str(m.get_signature())))
    chrf = metric_objects(lang, ["chrf"])["chrf"]
    per = [(i, float(chrf.sentence_score(h, [r]).score))
           for i, h, r in zip(aligned.ids, aligned.hyps, aligned.refs, strict=True)]
    return ScoreReport(lang, aligned, corpus, per)


def compare(baseline: Aligned, system: Aligned, lang: str, metrics: Sequence[str] = METRICS,
            n_samples: int = 1000) -> list[dict[str, Any]]:
    """sacrebleu's paired bootstrap resampling test of ``system`` against ``baseline`` on the segments both
    were scored on (same ids, same references)."""
    from sacrebleu.significance import PairedTest

    theirs = dict(zip(system.ids, zip(system.hyps, system.refs, strict=True), strict=True))
    common = [k for k, i in enumerate(baseline.ids) if i in theirs and theirs[i][1] == baseline.refs[k]]
    if not common:
        raise InputError("--compare needs both systems scored against the same reference segments")
    system = Aligned(tuple(baseline.ids[k] for k in common), tuple(theirs[baseline.ids[k]][0] for k in common),
                     tuple(baseline.refs[k] for k in common))
    baseline = Aligned(system.ids, tuple(baseline.hyps[k] for k in common), system.refs)
    objs = metric_objects(lang, metrics)
    test = PairedTest([("baseline", list(baseline.hyps)), ("system", list(system.hyps))], objs,
                      references=[list(baseline.refs)], test_type="bs", n_samples=n_samples)
    _, results = test()  # keyed by sacrebleu's display names (BLEU, chrF2, TER), in metric order
    out = []
    for name, display in zip(objs, [k for k in results if k != "System"], strict=True):
        base, other = (r for r in results[display] if not isinstance(r, str))
        out.append({"metric": name, "baseline": _num(base.score), "system": _num(other.score),
                    "baseline_mean": _num(base.mean), "baseline_ci": _num(base.ci),
                    "system_mean": _num(other.mean), "system_ci": _num(other.ci), "p_value": _num(other.p_value)})
    return out


def _num(value: Any) -> float | None:
    """sacrebleu's bootstrap gives numpy floats: plain floats (4 decimals) for JSON."""
    return None if value is None else round(float(value), 4)
