"""A Russian test set for the case of locked registry terms, built from the clause library.

Every place where a Russian clause template puts a registry name in the genitive, dative, instrumental or
prepositional (``{{ org('wipo').gen }}``, ``{{ collective.ins }}`` …) gives one sentence: the template's
sentence around it, with the name replaced by a registry name that has six distinct curated case forms (taken
in turn, so that a wrong case cannot pass by coincidence) in the case the template asks for, and the template's
other expressions left out.  Run through :func:`run_case_set`: the names are locked, the sentence goes through
a translator (a copy model in tests and the bench), the names are restored, and each must come back in its
case.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from statementkit.model.library import Library
from statementkit.model.registry import Registry, Words

OBLIQUE = ("gen", "dat", "ins", "prep")
_EXPR = regex.compile(r"\{\{\s*([^{}]*?)\.(gen|dat|ins|prep)\s*\}\}")
_JINJA = regex.compile(r"\{\{[^{}]*\}\}|\{%[^{}]*%\}")


@dataclass(frozen=True)
class CaseItem:
    template: str  # clause template id
    case: str  # the case the template puts the name in
    sentence: str  # the Russian sentence, the name in that case
    form: str  # the name as it stands in the sentence


@dataclass(frozen=True)
class CaseResult:
    item: CaseItem
    output: str
    correct: bool
    notes: tuple[str, ...]


def _names(registry: Registry) -> list[Words]:
    """Russian names whose four oblique forms all differ, by id."""
    out = []
    for _kind, entry in sorted(registry.locked_terms("ru"), key=lambda ke: ke[1].id):
        words = entry.names.get("ru")
        if words is None or "en" not in entry.names:
            continue
        forms = [words.form(c) for c in OBLIQUE]
        if all(forms) and len(set(forms)) == len(forms):
            out.append(words)
    return out


def case_set(library: Library, registry: Registry) -> list[CaseItem]:
    """One item per oblique registry name in the Russian clause templates (see the module docstring)."""
    names = _names(registry)
    if not names:
        return []
    items: list[CaseItem] = []
    for tid in sorted(library.templates):
        text = regex.sub(r"\s+", " ", library.templates[tid].text.get("ru", ""))
        for m in _EXPR.finditer(text):
            cut = max(text.rfind(". ", 0, m.start()), text.rfind("}", 0, m.start()), text.rfind("%", 0, m.start()))
            before = text[cut + 1:m.start()] if cut >= 0 else text[:m.start()]
            before = before[1:] if before.startswith(" ") else before
            end = text.find(". ", m.end())
            after = _JINJA.sub("", text[m.end():end if end >= 0 else len(text)])
            after = regex.sub(r"\(\s*[^()]*«\s*»\s*\)|«\s*»|\(\s*\)", "", after)
            stop = [i for i in (after.find("{"), after.find("}"), after.find("%")) if i >= 0]
            after = after[:min(stop) if stop else len(after)]
            after = regex.sub(r"(\s+(?:в|и|с|о))+\s*(?=[,.]|$)", "", after).rstrip(" .,") + "."
            if len(before.split()) < 2:
                continue  # the governing word is template code
            case = m.group(2)
            form = names[len(items) % len(names)].form(case)
            if form is None:
                continue
            sentence = regex.sub(r"\s+", " ", before + form + after).strip()
            sentence = regex.sub(r"\s+([,.;:)])", r"\1", sentence)
            items.append(CaseItem(tid, case, sentence[:1].upper() + sentence[1:], form))
    return items


def run_case_set(items: Sequence[CaseItem], registry: Registry, translate: Callable[[list[str]], list[str]],
                 model_reading: bool = True) -> list[CaseResult]:
    """Lock each sentence's registry names (ru -> ru), send the locked sentences through ``translate`` (in
    one call, with the sentences unlocked too when ``model_reading``: the model's rendering of each name is a
    second source of its case), restore the names in their case, and check each item's name."""
    from statementkit.services.translate.protect import TermLock

    lock = TermLock(registry, "ru", "ru")
    protected = [lock.protect(it.sentence) for it in items]
    outputs = translate([p.text for p in protected] + ([it.sentence for it in items] if model_reading else []))
    renderings: list[str | None] = list(outputs[len(items):]) if model_reading else [None] * len(items)
    results = []
    for it, p, out, rendering in zip(items, protected, outputs[:len(items)], renderings, strict=True):
        restored, problem, notes = lock.restore_cased(out, p, p.keys_in(p.text), rendering)
        text = restored if restored is not None else f"({problem})"
        ok = restored is not None and it.form in text and _form_at_same_place(it, text)
        results.append(CaseResult(it, text, ok, tuple(notes)))
    return results


def _form_at_same_place(item: CaseItem, output: str) -> bool:
    """The name stands where it stood: the words before it in the sentence come before it in the output."""
    head = item.sentence[:item.sentence.find(item.form)].split()[-2:]
    at = output.find(item.form)
    return all(w in output[:at] for w in head)
