"""Issue 16 items 4 and 6: memory scope on both backends (SQLite and PostgreSQL), and `translate` storing its
machine drafts in one transaction with the same contents as pair-by-pair writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from statementkit.adapters.translations_file import load_translations, save_translations, translations_path
from statementkit.app.memory import open_memory
from statementkit.errors import TranslationStoreError
from statementkit.model.translation import MemoryPair, Origin, Status, TranslationEntry, source_hash
from statementkit.services.translate.base import Hypothesis, Scope, ScopedMemory
from statementkit.testing.synthetic import synthetic_statement

TEXT = "The offices will hold joint seminars on patents."


def test_scope_preference_listing_and_delete_on_both_backends(tm_location: str) -> None:
    with open_memory(tm_location) as memory:
        assert isinstance(memory, ScopedMemory)
        assert memory.lookup_exact_scoped("en", "ru", TEXT, "c-ca-heads-ip") is None
        memory.add_scoped("en", "ru", TEXT, "Ведомства проведут совместные семинары по патентам.",
                          origin=Origin.HUMAN, status=Status.APPROVED,
                          scope=Scope("c-ca-heads-ip", "c-ca-heads-ip#1", "seminars"))
        # more recent, equally ranked, from another mechanism: wins on recency alone, not in its own scope
        memory.add_scoped("en", "ru", TEXT, "Ведомства организуют совместные семинары по патентам.",
                          origin=Origin.HUMAN, status=Status.APPROVED, scope=Scope("cn-uz-ip", "cn-uz-ip#3", "x"))
        # a lower-ranked machine draft of the same mechanism never beats the approved ones
        memory.add_scoped("en", "ru", TEXT, "Машинный перевод про семинары.", origin=Origin.MACHINE,
                          status=Status.DRAFT, scope=Scope("c-ca-heads-ip", "c-ca-heads-ip#2", "seminars"))
        plain = memory.lookup_exact("en", "ru", TEXT)
        assert plain is not None and "организуют" in plain.target
        scoped = memory.lookup_exact_scoped("en", "ru", TEXT, "c-ca-heads-ip")
        assert scoped is not None and "проведут" in scoped.target
        other = memory.lookup_exact_scoped("en", "ru", TEXT, "cn-uz-ip")
        assert other is not None and "организуют" in other.target
        assert [s[1:] for s in memory.scopes("en", "ru", TEXT)] == [
            ("c-ca-heads-ip", "c-ca-heads-ip#1", "seminars"), ("c-ca-heads-ip", "c-ca-heads-ip#2", "seminars"),
            ("cn-uz-ip", "cn-uz-ip#3", "x")]
        assert [(a, b, o.value, s.value, n) for a, b, o, s, n in memory.stats()] == [
            ("en", "ru", "human", "approved", 2), ("en", "ru", "machine", "draft", 1)]
        assert memory.delete(origin=Origin.HUMAN) == 2
        assert [s[0] for s in memory.scopes("en", "ru", TEXT)] == ["Машинный перевод про семинары."]
        assert memory.delete(origin=Origin.MACHINE, status=Status.APPROVED) == 0
        assert memory.delete(status=Status.DRAFT) == 1 and memory.scopes("en", "ru", TEXT) == [] and len(memory) == 0
        with pytest.raises(ValueError):
            memory.delete()


def test_add_many_scoped_is_all_or_none_on_both_backends(tm_location: str) -> None:
    scope = Scope("m", "m#1", "c")
    good = MemoryPair("en", "ru", "One.", "Один.", Origin.HUMAN, Status.REVIEWED)
    bad = MemoryPair("en", "ru", "Two.", "Два.", "robot", Status.REVIEWED)  # type: ignore[arg-type]
    with open_memory(tm_location) as memory:
        with pytest.raises((ValueError, TranslationStoreError)):
            memory.add_many_scoped([(good, scope), (bad, scope)])
        assert len(memory) == 0 and memory.scopes("en", "ru", "One.") == []
        assert memory.add_many_scoped([(good, scope), (good, scope), (MemoryPair(
            "en", "zh", "One.", "一。", Origin.MACHINE, Status.DRAFT), None)]) == 3
        assert len(memory) == 2 and [s[1:] for s in memory.scopes("en", "ru", "One.")] == [("m", "m#1", "c")]
        assert memory.scopes("en", "zh", "One.") == []


# ---- item 6: translate writes its pairs in one transaction ------------------------------------------------
RU = {
    "The Parties agree to strengthen cooperation in science.":
        "Стороны договорились укреплять сотрудничество в области науки.",
    "They will exchange information on culture.": "Они будут обмениваться информацией о культуре.",
    "The offices will hold joint seminars every year.": "Ведомства будут ежегодно проводить совместные семинары.",
    "Both sides support small enterprises.": "Обе стороны поддерживают малые предприятия.",
    "The heads of the offices will meet in spring.": "Руководители ведомств встретятся весной.",
}


class _Fake:
    """A translator from a fixed table (so that its output passes the checks and is stored)."""

    source, target, label = "en", "ru", "table"

    def translate(self, segments: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        return [Hypothesis(RU[s]) for s in segments]


class _CountingMemory:
    """A memory that counts its write calls (transactions) and passes everything on."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.calls = inner, list[str]()

    def lookup_exact(self, *a: Any) -> Any:
        return self.inner.lookup_exact(*a)

    def lookup_exact_scoped(self, *a: Any) -> Any:
        return self.inner.lookup_exact_scoped(*a)

    def lookup_fuzzy(self, *a: Any, **k: Any) -> Any:
        return self.inner.lookup_fuzzy(*a, **k)

    def add(self, *a: Any, **k: Any) -> None:
        self.calls.append("add")
        self.inner.add(*a, **k)

    def add_scoped(self, *a: Any, **k: Any) -> None:
        self.calls.append("add_scoped")
        self.inner.add_scoped(*a, **k)

    def add_many(self, pairs: Iterable[MemoryPair]) -> int:
        self.calls.append("add_many")
        return int(self.inner.add_many(pairs))

    def add_many_scoped(self, items: Iterable[tuple[MemoryPair, Scope | None]]) -> int:
        self.calls.append("add_many_scoped")
        return int(self.inner.add_many_scoped(items))


def test_translate_stores_its_machine_drafts_in_one_transaction(tmp_path: Path) -> None:
    from statementkit.app.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import translate_statement
    from tests.conftest import TEMPLATES

    s1, s2, s3, s4, s5 = RU
    clauses = {"a": f"{s1} {s2}", "b": f"{s3} {s5}", "c": s4}
    head = synthetic_statement(1).split("  - id: free-001")[0]
    spec = tmp_path / "statement.yaml"
    spec.write_text(head + "".join(f'  - id: {k}\n    text: "{v}"\n' for k, v in clauses.items())
                    + "closing: {form: none}\n", encoding="utf-8")
    # clause b was approved when it read "s3 s4": s3 is kept, s5 goes to the model
    old_src, old_ru = f"{s3} {s4}", "Ведомства будут ежегодно проводить семинары. Обе стороны поддерживают МСП."
    tr = load_translations(translations_path(spec), "en").put(TranslationEntry(
        "b", "ru", source_hash(old_src), old_ru, Origin.HUMAN, Status.APPROVED, source=old_src))
    save_translations(translations_path(spec), tr)
    ws = load_workspace(spec, TEMPLATES)
    tr = load_translations(translations_path(spec), "en")
    assert ws.statement.meeting is not None
    mech = ws.statement.meeting.mechanism
    statement_id = f"{mech}#{ws.statement.meeting.ordinal}"
    with open_memory(tmp_path / "tm.sqlite") as inner:
        memory = _CountingMemory(inner)
        result = translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, tr), tr, ["ru"],
                                     lambda a, b: _Fake(), memory)
        # one transaction for the approved clause's sentence pairs (stored before its sentences are looked up),
        # one for every machine draft of the run
        assert memory.calls == ["add_many_scoped", "add_many_scoped"]
        b = result.translations.get("b", "ru")
        assert b is not None and b.sentences == ("kept", "machine")
        units = {(u[2], u[3], u[4].value, u[5].value) for u in inner.all_units()}
        machine = ("machine", "draft")
        # the same contents as pair-by-pair writes: each clean clause, each machine sentence of a clause of
        # several sentences, and the approved clause's sentence pairs
        assert units == {
            (f"{s1} {s2}", f"{RU[s1]} {RU[s2]}", *machine), (s1, RU[s1], *machine), (s2, RU[s2], *machine),
            (f"{s3} {s5}", f"Ведомства будут ежегодно проводить семинары. {RU[s5]}", *machine),
            (s5, RU[s5], *machine),
            (s3, "Ведомства будут ежегодно проводить семинары.", "human", "approved"),
            (s4, "Обе стороны поддерживают МСП.", "human", "approved")}
        assert [x[1:] for x in inner.scopes("en", "ru", s5)] == [(mech, statement_id, "b")]
        assert [x[1:] for x in inner.scopes("en", "ru", s4)] == [(mech, statement_id, "b")]
        # clause c is the approved sentence clause b stored earlier in the same run
        c = result.translations.get("c", "ru")
        assert c is not None and c.text == "Обе стороны поддерживают МСП." and c.origin is Origin.MEMORY


def test_pending_drafts_answer_exact_look_ups_of_the_same_run(tmp_path: Path) -> None:
    """A machine draft kept for the end of the run is found by a later exact look-up of the same run, unless the
    memory holds a better (approved human) translation; an approved pending pair beats a memory draft."""
    from statementkit.services.translate.pipeline import _Writes

    with open_memory(tmp_path / "tm.sqlite") as memory:
        memory.add("en", "ru", "Two.", "Два (черновик).", origin=Origin.MACHINE, status=Status.DRAFT)
        memory.add("en", "ru", "Three.", "Три.", origin=Origin.HUMAN, status=Status.APPROVED)
        writes = _Writes()
        assert writes.lookup(memory, "en", "ru", "One.", None) is None
        writes.add(MemoryPair("en", "ru", "One.", "Один.", Origin.MACHINE, Status.DRAFT), None)
        writes.add(MemoryPair("en", "ru", "Two.", "Два.", Origin.HUMAN, Status.APPROVED), None)
        writes.add(MemoryPair("en", "ru", "Three.", "Три (черновик).", Origin.MACHINE, Status.DRAFT), None)
        got = [writes.lookup(memory, "en", "ru", t, None) for t in ("One.", "Two.", "Three.")]
        assert [g.target if g else None for g in got] == ["Один.", "Два.", "Три."]
        assert len(memory) == 2  # nothing written yet

