"""Read a statement file (YAML) into :class:`statementkit.model.Statement`.

Structural problems (a missing field, a wrong type, an unknown key) are raised here as :class:`SpecError`
naming file, line and field.  References into the registry and library are checked by
:mod:`statementkit.services.validate`, which reports every problem at once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from statementkit import LANGUAGES
from statementkit.adapters.yamlfile import LDict, LList, line_of, read_yaml
from statementkit.errors import SpecError, language_message
from statementkit.model.statement import (
    AcceptedFinding,
    Clause,
    Closing,
    Meeting,
    OrderRule,
    PartyRef,
    Statement,
    ZhNumbering,
)

_TOP_KEYS = {"statementkit", "title", "meeting", "languages", "source", "parties", "order", "clauses", "closing",
             "collective", "lead", "zh_numbering", "accepted"}
_CLAUSE_KEYS = {"id", "template", "slots", "text", "numbered", "items", "cell"}
_CLOSING_FORMS = ("none", "equally-authentic", "text")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # also a Word bookmark name once encoded (oxml)


def _nfc(value: Any) -> Any:
    """NFC at the input boundary, recursively."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, LDict):
        out = LDict((k, _nfc(v)) for k, v in value.items())
        out.line, out.key_lines = value.line, value.key_lines
        return out
    if isinstance(value, LList):
        lst = LList(_nfc(v) for v in value)
        lst.line, lst.item_lines = value.line, value.item_lines
        return lst
    return value


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        self.source = "en"

    def fail(self, field: str, msg: str, container: Any = None, key: Any = None) -> SpecError:
        return SpecError(f"{field}: {msg}", path=self.path, line=line_of(container, key))

    def note(self, field: str, container: Any, key: Any = None) -> None:
        line = line_of(container, key)
        if line:
            self.lines[field] = line

    def mapping(self, value: Any, field: str, container: Any, key: Any, allowed: set[str]) -> LDict:
        if not isinstance(value, LDict):
            raise self.fail(field, "expected a mapping", container, key)
        unknown = [k for k in value if k not in allowed]
        if unknown:
            raise self.fail(f"{field}.{unknown[0]}", f"unknown field (allowed: {', '.join(sorted(allowed))})",
                            value, unknown[0])
        return value

    def string(self, m: LDict, key: str, field: str, *, required: bool = True) -> str | None:
        if key not in m or m[key] is None:
            if required:
                raise self.fail(f"{field}.{key}" if field else key, "missing", m)
            return None
        v = m[key]
        if not isinstance(v, str) or not v.strip():
            raise self.fail(f"{field}.{key}" if field else key, "expected non-empty text", m, key)
        self.note(f"{field}.{key}" if field else key, m, key)
        return v.strip()

    def date(self, v: Any, field: str, container: Any, key: Any) -> dt.date:
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v.strip())
            except ValueError:
                pass
        raise self.fail(field, f"expected a date as YYYY-MM-DD, got {v!r}", container, key)

    def read(self, data: Any) -> Statement:
        top = self.mapping(data, "statement", None, None, _TOP_KEYS)
        version = top.get("statementkit", 1)
        if version != 1:
            raise self.fail("statementkit", f"unsupported statement file version {version!r} (this is 1)",
                            top, "statementkit")
        languages = self.languages(top)
        source = top.get("source", "en")
        self.source = source
        if source not in LANGUAGES:
            raise self.fail("source", language_message(source),
                            top, "source")
        if source not in languages:
            raise self.fail("source", f"'{source}' is not one of the statement's languages", top, "source")
        order, orders = self.order(top)
        leads = self.per_language(top, "lead", lambda v: isinstance(v, str) and bool(v.strip()), "a country id")
        numbering_raw = top.get("zh_numbering", ZhNumbering.CHINESE.value)
        try:
            zh_numbering = ZhNumbering(numbering_raw)
        except ValueError:
            raise self.fail("zh_numbering", f"expected one of {', '.join(z.value for z in ZhNumbering)}",
                            top, "zh_numbering") from None
        title, title_text = self.title(top, languages)
        return Statement(
            title=title,
            title_text=MappingProxyType(title_text),
            meeting=self.meeting(top),
            languages=languages,
            source_language=source,
            parties=self.parties(top),
            order=order,
            orders=MappingProxyType(orders),
            leads=MappingProxyType({k: str(v).strip() for k, v in leads.items()}),
            zh_numbering=zh_numbering,
            clauses=self.clauses(top),
            closing=self.closing(top),
            collective=self.string(top, "collective", "", required=False),
            accepted=self.accepted(top),
            path=str(self.path),
            lines=MappingProxyType(dict(self.lines)),
        )

    def accepted(self, top: LDict) -> tuple[AcceptedFinding, ...]:
        """``accepted:``: QA findings the reviewers accepted, each {clause, check, lang?, text?, note}."""
        raw = top.get("accepted")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail("accepted", "expected a list of accepted findings", top, "accepted")
        out = []
        for i, item in enumerate(raw):
            field = f"accepted[{i}]"
            m = self.mapping(item, field, raw, i, {"clause", "check", "lang", "text", "note"})
            self.note(field, raw, i)
            lang = self.string(m, "lang", field, required=False)
            if lang is not None and lang not in LANGUAGES:
                raise self.fail(f"{field}.lang", f"unsupported language '{lang}'", m, "lang")
            out.append(AcceptedFinding(clause=self.string(m, "clause", field) or "",
                                       check=self.string(m, "check", field) or "", lang=lang,
                                       text=self.string(m, "text", field, required=False),
                                       note=self.string(m, "note", field, required=False) or ""))
        return tuple(out)

    def order(self, top: LDict) -> tuple[OrderRule, dict[str, OrderRule]]:
        """``order: host-first`` for every language, or ``order: {zh: as-listed, ru: host-first}`` per
        language (languages not named keep ``as-listed``)."""
        choices = ", ".join(o.value for o in OrderRule)
        raw = top.get("order", OrderRule.AS_LISTED.value)
        if isinstance(raw, str):
            try:
                return OrderRule(raw), {}
            except ValueError:
                raise self.fail("order", f"expected one of {choices}, or one per language", top, "order") from None
        per = self.per_language(top, "order", lambda v: v in {o.value for o in OrderRule}, f"one of {choices}")
        return OrderRule.AS_LISTED, {lang: OrderRule(v) for lang, v in per.items()}

    def per_language(self, top: LDict, key: str, ok: Any, expected: str) -> dict[str, Any]:
        raw = top.get(key)
        if raw is None:
            return {}
        if not isinstance(raw, LDict):
            raise self.fail(key, f"expected a mapping of language -> {expected}", top, key)
        for lang, v in raw.items():
            if lang not in LANGUAGES:
                raise self.fail(f"{key}.{lang}", language_message(lang), raw, lang)
            if not ok(v):
                raise self.fail(f"{key}.{lang}", f"expected {expected}, got {v!r}", raw, lang)
        self.note(key, top, key)
        return dict(raw)

    def languages(self, top: LDict) -> tuple[str, ...]:
        raw = top.get("languages", list(LANGUAGES))
        if not isinstance(raw, list) or not raw:
            raise self.fail("languages", "expected a list of languages", top, "languages")
        for i, lang in enumerate(raw):
            if lang not in LANGUAGES:
                raise self.fail(f"languages[{i}]", language_message(lang), raw, i)
        if len(set(raw)) != len(raw):
            raise self.fail("languages", "a language is listed twice", top, "languages")
        return tuple(raw)

    def title(self, top: LDict, languages: tuple[str, ...]) -> tuple[str | None, dict[str, str]]:
        """A title template id, or the title as text per language ({en: …, zh: …, ru: …})."""
        raw = top.get("title")
        if not isinstance(raw, LDict):
            return self.string(top, "title", "", required=False), {}
        self.mapping(raw, "title", top, "title", set(LANGUAGES))
        self.note("title", top, "title")
        out = {}
        for lang, text in raw.items():
            if not isinstance(text, str) or not text.strip():
                raise self.fail(f"title.{lang}", "expected non-empty text", raw, lang)
            out[lang] = text.strip()
        if not out:
            raise self.fail("title", "expected the title in at least one language", top, "title")
        return None, out

    def meeting(self, top: LDict) -> Meeting | None:
        if top.get("meeting") is None:  # a free-form statement: no meeting
            return None
        m = self.mapping(top["meeting"], "meeting", top, "meeting",
                         {"mechanism", "ordinal", "date", "dates", "venue", "host"})
        self.note("meeting", top, "meeting")
        ordinal = m.get("ordinal", 1)
        if not isinstance(ordinal, int) or isinstance(ordinal, bool) or not 1 <= ordinal <= 99:
            raise self.fail("meeting.ordinal", "expected a whole number from 1 to 99", m, "ordinal")
        if "date" in m and "dates" in m:
            raise self.fail("meeting.dates", "give 'date' or 'dates', not both", m, "dates")
        if "dates" in m:
            raw_dates = m["dates"]
            if not isinstance(raw_dates, list) or not raw_dates:
                raise self.fail("meeting.dates", "expected a list of dates", m, "dates")
            dates = tuple(self.date(d, f"meeting.dates[{i}]", raw_dates, i) for i, d in enumerate(raw_dates))
        elif "date" in m:
            dates = (self.date(m["date"], "meeting.date", m, "date"),)
        else:
            raise self.fail("meeting.date", "missing", m)
        self.note("meeting.date", m, "dates" if "dates" in m else "date")
        mech = self.string(m, "mechanism", "meeting")
        venue = self.string(m, "venue", "meeting")
        assert mech is not None and venue is not None  # required=True guarantees it
        return Meeting(mechanism=mech, ordinal=ordinal, dates=tuple(sorted(dates)), venue=venue,
                       host=self.string(m, "host", "meeting", required=False))

    def parties(self, top: LDict) -> tuple[PartyRef, ...]:
        raw = top.get("parties")
        if raw is None:  # a free-form statement: parties named in its text only
            return ()
        if not isinstance(raw, LList) or not raw:
            raise self.fail("parties", "expected a non-empty list of offices", top, "parties")
        out = []
        for i, p in enumerate(raw):
            field = f"parties[{i}]"
            self.note(field, raw, i)
            if isinstance(p, str) and p.strip():
                out.append(PartyRef(office=p.strip()))
            elif isinstance(p, LDict):
                self.mapping(p, field, raw, i, {"office", "head"})
                office = self.string(p, "office", field)
                assert office is not None
                out.append(PartyRef(office=office, head=self.string(p, "head", field, required=False)))
            else:
                raise self.fail(field, "expected an office id or {office, head}", raw, i)
        offices = [p.office for p in out]
        dup = next((o for o in offices if offices.count(o) > 1), None)
        if dup:
            raise self.fail("parties", f"office '{dup}' is listed twice", top, "parties")
        return tuple(out)

    def clauses(self, top: LDict) -> tuple[Clause, ...]:
        raw = top.get("clauses")
        if not isinstance(raw, LList) or not raw:
            raise self.fail("clauses", "expected a non-empty list of clauses", top, "clauses")
        seen: dict[str, str] = {}
        return tuple(self.clause(c, f"clauses[{i}]", raw, i, seen, nested=False) for i, c in enumerate(raw))

    def clause(self, raw: Any, field: str, container: Any, key: Any, seen: dict[str, str],
               *, nested: bool) -> Clause:
        m = self.mapping(raw, field, container, key, _CLAUSE_KEYS - ({"items"} if nested else set()))
        self.note(field, container, key)
        ident = self.string(m, "id", field)
        assert ident is not None
        if not _ID.fullmatch(ident):
            raise self.fail(f"{field}.id", f"clause id '{ident}' must be up to 64 letters, digits, '_' or '-', "
                            "starting with a letter or digit", m, "id")
        if ident in seen:
            raise self.fail(f"{field}.id", f"clause id '{ident}' is used twice (also {seen[ident]})", m, "id")
        seen[ident] = field
        template = self.string(m, "template", field, required=False)
        texts, absent = self.texts(m, field)
        text = texts.get(self.source) if texts or absent else self.string(m, "text", field, required=False)
        if template is None and text is None and not texts and not absent:
            raise self.fail(field, f"clause '{ident}' needs 'template', 'text', or both (a template clause "
                            "whose wording was edited)", container, key)
        slots = m.get("slots") or LDict()
        if not isinstance(slots, LDict):
            raise self.fail(f"{field}.slots", "expected a mapping of slot values", m, "slots")
        if template is None and slots:
            raise self.fail(f"{field}.slots", "a free-text clause has no slots", m, "slots")
        self.note(f"#{ident}", container, key)
        if template is not None:
            self.note(f"#{ident}.template", m, "template")
        for name in slots:
            self.note(f"{field}.slots.{name}", slots, name)
            self.note(f"#{ident}.slots.{name}", slots, name)
        numbered = m.get("numbered")
        if numbered is not None and not isinstance(numbered, bool):
            raise self.fail(f"{field}.numbered", "expected true or false", m, "numbered")
        items: tuple[Clause, ...] = ()
        if "items" in m:
            raw_items = m["items"]
            if not isinstance(raw_items, LList):
                raise self.fail(f"{field}.items", "expected a list of sub-clauses", m, "items")
            items = tuple(self.clause(it, f"{field}.items[{j}]", raw_items, j, seen, nested=True)
                          for j, it in enumerate(raw_items))
        cell = self.cell(m, field, nested or bool(items))
        return Clause(id=ident, template=template, slots=MappingProxyType(dict(slots)), text=text,
                      numbered=numbered, items=items, line=line_of(container, key),
                      texts=MappingProxyType(texts), absent=frozenset(absent), cell=cell)

    def cell(self, m: LDict, field: str, in_list: bool) -> tuple[str, int, int] | None:
        """``cell: [table, row, column]``: a table cell (table an id, row and column from 1)."""
        raw = m.get("cell")
        if raw is None:
            return None
        ok = isinstance(raw, LList) and len(raw) == 3 and isinstance(raw[0], str) and _ID.fullmatch(raw[0]) \
            and all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1000 for v in raw[1:])
        if not ok:
            raise self.fail(f"{field}.cell", "expected [table id, row, column] (row and column from 1)", m, "cell")
        if in_list:
            raise self.fail(f"{field}.cell", "a table cell is a clause of its own (not a sub-item, no items)", m,
                            "cell")
        return (str(raw[0]), int(raw[1]), int(raw[2]))

    def texts(self, m: LDict, field: str) -> tuple[dict[str, str], set[str]]:
        """``text: {en: …, zh: …, ru: …}``: official texts per language; a language given as null has no
        such clause in its version.  Plain ``text: …`` (source language only) gives ({}, set())."""
        raw = m.get("text")
        if not isinstance(raw, LDict):
            return {}, set()
        self.mapping(raw, f"{field}.text", m, "text", set(LANGUAGES))
        texts: dict[str, str] = {}
        absent: set[str] = set()
        for lang, value in raw.items():
            if value is None:
                absent.add(lang)
            elif isinstance(value, str) and value.strip():
                texts[lang] = value.strip()
            else:
                raise self.fail(f"{field}.text.{lang}", "expected non-empty text, or null for a clause this "
                                "language's version does not have", raw, lang)
        if not texts:
            raise self.fail(f"{field}.text", "expected the text in at least one language", m, "text")
        return texts, absent

    def closing(self, top: LDict) -> Closing:
        if "closing" not in top or top["closing"] is None:
            return Closing()
        m = self.mapping(top["closing"], "closing", top, "closing",
                         {"place", "date", "form", "text", "signatures", "originals"})
        self.note("closing", top, "closing")
        form = m.get("form", "equally-authentic")
        if form not in _CLOSING_FORMS:
            raise self.fail("closing.form", f"expected one of {', '.join(_CLOSING_FORMS)}", m, "form")
        text: dict[str, str] = {}
        if form == "text":
            t = m.get("text")
            if not isinstance(t, dict) or not all(isinstance(t.get(lang), str) for lang in LANGUAGES):
                raise self.fail("closing.text", "form 'text' needs text in en, zh and ru", m, "text")
            text = {lang: t[lang].strip() for lang in LANGUAGES}
        signatures = m.get("signatures", False)
        if not isinstance(signatures, bool):
            raise self.fail("closing.signatures", "expected true or false", m, "signatures")
        date = self.date(m["date"], "closing.date", m, "date") if "date" in m else None
        originals = m.get("originals")
        if originals is not None and (not isinstance(originals, int) or isinstance(originals, bool)
                                      or not 1 <= originals <= 20):
            raise self.fail("closing.originals", "expected a whole number of originals from 1 to 20", m, "originals")
        return Closing(place=self.string(m, "place", "closing", required=False), date=date, form=form,
                       text=MappingProxyType(text), signatures=signatures, originals=originals)


def read_statement(path: str | Path) -> Statement:
    p = Path(path)
    data = _nfc(read_yaml(p, SpecError))
    if data is None:
        raise SpecError("the statement file is empty", path=p)
    return _Reader(p).read(data)
