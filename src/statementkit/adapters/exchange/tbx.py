"""The registry's locked terminology (``terms`` and ``organisations``) as a TBX termbase, and back.

One ``termEntry`` per registry entry (id ``<kind>.<id>``), one ``langSet`` per language (en, zh, ru), one
``tig`` per form: the name and its variants (abbr, short …) with their Russian cases.  Each ``tig`` id
says which form it is (``terms.c5.ru.name.gen``), and a ``termNote type="administrativeStatus"`` marks the
name in the nominative as preferred, every other form as admitted.

Writing uses Translate Toolkit's TBX store (``translate.storage.tbx``: multilingual ``tbxunit`` with
``set_source_terms``/``set_target_terms``) with its skeleton's DOCTYPE left out: the TBX core DTD is not
needed to read the file (the hardened parser accepts the external-DTD line, never loads it).  Reading walks
the tree from :func:`statementkit.adapters.xmlsafe.parse_xml`: the toolkit's store would parse the file again with
its own parser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from statementkit import LANGUAGES
from statementkit.adapters.atomic import write_with
from statementkit.adapters.langtags import TRADITIONAL, classify
from statementkit.adapters.xmlsafe import parse_xml, read_xml_bytes
from statementkit.errors import XmlError
from statementkit.model.registry import CASES, Entry, Registry

KINDS = ("terms", "organisations")
XML_NS = "http://www.w3.org/XML/1998/namespace"
_MAX_BYTES = 64 * 1024 * 1024
_ROOTS = ("martif", "tbx", "TBX")
_ENTRY = ("termEntry", "conceptEntry", "entry")
_LANG_SECTION = ("langSet", "langSec", "langGroup")
_TERM_GROUP = ("tig", "ntig", "termSec", "termGroup")
_STRUCTURE = {*_ROOTS, "martifHeader", "tbxHeader", "header", "fileDesc", "sourceDesc", "titleStmt",
              "publicationStmt", "encodingDesc", "revisionDesc", "text", "body", "back"}
_SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
<martifHeader>
<fileDesc>
<sourceDesc><p>statementkit registry: locked terminology (terms, organisations) in en, zh, ru</p></sourceDesc>
</fileDesc>
</martifHeader>
<text><body></body></text>
</martif>"""


# form key: (variant, case) — variant "name" is the main name; case "nom" the only form of en and zh
Forms = dict[tuple[str, str], str]


@dataclass(frozen=True)
class TermEntry:
    kind: str
    id: str
    forms: dict[str, Forms]  # lang -> forms
    # languages whose running text may use the acronym alone (registry ``accepted``); in TBX the abbr term of
    # any other language is ``deprecatedTerm-admn-sts``: not to stand alone there
    accepted: frozenset[str] = frozenset({"en"})


def entry_forms(entry: Entry, lang: str) -> Forms:
    out: Forms = {}
    variants = [("name", entry.names.get(lang))] + [(k, v.get(lang)) for k, v in entry.extra.items()]
    for variant, words in variants:
        if words is None:
            continue
        out[(variant, "nom")] = words.nom
        for case, text in words.forms.items():
            out[(variant, case)] = text
    return out


def registry_entries(registry: Registry) -> list[TermEntry]:
    return [TermEntry(kind, e.id, {lang: entry_forms(e, lang) for lang in LANGUAGES}, e.abbr_accepted)
            for kind in KINDS for e in registry.table(kind).values()]


def build_tbx(entries: Iterable[TermEntry]) -> bytes:
    from lxml import etree
    from translate.storage.tbx import tbxfile

    class Termbase(tbxfile):
        XMLskeleton = _SKELETON

    store = Termbase(sourcelanguage="en")
    for te in entries:
        en = te.forms["en"]
        unit = store.addsourceunit(en[("name", "nom")])
        unit.setid(f"{te.kind}.{te.id}")
        unit.set_source_terms(list(en.values()), "en")
        for lang in LANGUAGES:
            if lang != "en":
                unit.set_target_terms(list(te.forms[lang].values()), lang)
        for lang_set in unit.xmlelement.iter("langSet"):
            lang = lang_set.get(f"{{{XML_NS}}}lang")
            keys = list(te.forms[lang])
            for tig, (variant, case) in zip(lang_set.iter("tig"), keys, strict=True):
                tig.set("id", f"{te.kind}.{te.id}.{lang}.{variant}.{case}")
                note = etree.SubElement(tig, "termNote", type="administrativeStatus")
                note.text = ("preferredTerm-admn-sts" if (variant, case) == ("name", "nom")
                             else "deprecatedTerm-admn-sts" if variant == "abbr" and lang not in te.accepted
                             else "admittedTerm-admn-sts")
    return bytes(store)


def write_tbx(path: str | Path, registry: Registry) -> int:
    entries = registry_entries(registry)
    data = build_tbx(entries)

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    write_with(path, write)
    return len(entries)


@dataclass
class TermbaseContent:
    """The entries of a termbase, and the language sections skipped (Traditional Chinese, other languages)."""

    entries: list[TermEntry] = field(default_factory=list)
    traditional: int = 0
    other_languages: dict[str, int] = field(default_factory=dict)
    # entries without a name in each of en, zh, ru: (entry id as written, the languages missing); not taken
    incomplete: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    other_terms: int = 0  # synonyms and other terms a registry entry has no place for (not taken, counted)


def _local(el: Any) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _children(el: Any, names: tuple[str, ...]) -> list[Any]:
    return [c for c in el if _local(c) in names]


def _entries(root: Any) -> list[Any]:
    return [el for el in root.iter() if _local(el) in _ENTRY]


def read_tbx(path: str | Path) -> TermbaseContent:
    """Parse a termbase written by :func:`write_tbx`, by a terminology tool keeping the entry and form ids, or
    by any other tool (MultiTerm, memoQ, a ministry's own termbase).

    Dialects (ISO 30042): TBX 2008 / TBX-Basic (``martif`` → ``termEntry`` → ``langSet`` → ``tig`` or
    ``ntig``/``termGrp``), TBX 2019 (``tbx`` → ``conceptEntry`` → ``langSec`` → ``termSec``, any style and
    namespace) and TBX-Min (``entry`` → ``langGroup`` → ``termGroup``).  A form id (``<kind>.<id>.<lang>.
    <variant>.<case>``) is read from the term group or its ``term``; a language section's ``xml:lang`` is a
    BCP 47 tag: Traditional Chinese and other languages are skipped and counted.

    An entry id that is not ``<terms|organisations>.<id>`` (another tool's ``c123``, or none) gives a
    :class:`TermEntry` with ``kind == ""`` and the id as written, for :func:`identify` to match against the
    registry.  Without form ids, a language section's first term is the name, a ``termType`` of abbreviation,
    acronym or initialism the ``abbr`` variant, ``shortForm`` the ``short`` one; other terms (synonyms, full
    forms, variants) are counted in ``other_terms``.  An entry lacking a name in en, zh or ru is listed in
    ``incomplete``.
    """
    p = Path(path)
    root = parse_xml(read_xml_bytes(p, "TBX file", _MAX_BYTES), p.name)
    if _local(root) not in _ROOTS:
        raise XmlError(f"not a TBX termbase (root <{_local(root) or '?'}>, expected <martif> or <tbx>)", path=p)
    out = TermbaseContent()
    for term_entry in _entries(root):
        ident = term_entry.get("id", "")
        kind, _, eid = ident.partition(".")
        if kind not in KINDS or not eid:
            kind, eid = "", ident
        forms: dict[str, Forms] = {}
        accepted = set(LANGUAGES)
        for lang_set in _children(term_entry, _LANG_SECTION):
            tag = lang_set.get(f"{{{XML_NS}}}lang", "")
            lang = classify(tag)
            if lang == TRADITIONAL:
                out.traditional += 1
                continue
            if lang is None:
                shown = tag or "(no xml:lang)"
                out.other_languages[shown] = out.other_languages.get(shown, 0) + 1
                continue
            got = forms.setdefault(lang, {})
            first = not got
            for group in _children(lang_set, _TERM_GROUP):
                key = _read_form(group, got, first, f"{_local(term_entry)} '{ident}' ({tag})", p)
                if key is None:
                    out.other_terms += 1
                elif key[0] == "abbr" and _admin_status(group) == "deprecatedTerm-admn-sts":
                    accepted.discard(lang)
                first = False
        missing = tuple(lg for lg in LANGUAGES if ("name", "nom") not in forms.get(lg, {}))
        if missing:
            out.incomplete.append((ident, missing))
            continue
        out.entries.append(TermEntry(kind, eid, forms, frozenset(accepted)))
    if not out.entries and not out.incomplete:
        found = sorted({_local(el) for el in root.iter() if _local(el) and len(el)} - _STRUCTURE)
        raise XmlError("the termbase has no termEntry (TBX 2008, TBX-Basic) or conceptEntry (TBX 2019)"
                       + (f"; found <{'>, <'.join(found[:5])}>" if found else ""), path=p)
    return out


def _admin_status(group: Any) -> str | None:
    """The term group's administrative status: ``termNote type="administrativeStatus"`` (TBX 2008, DCA) or
    an ``administrativeStatus`` element (TBX 2019 DCT style)."""
    for el in group.iter():
        name = _local(el)
        if (name == "termNote" and el.get("type") == "administrativeStatus") or name == "administrativeStatus":
            return str(el.text or "").strip()
    return None


# TBX termType values (ISO 12620 / TBX-Basic) that name a registry variant
_TERM_TYPES = {"abbreviation": "abbr", "acronym": "abbr", "initialism": "abbr", "shortForm": "short",
               "shortform": "short"}


def _term_type(group: Any) -> str | None:
    for el in group.iter():
        name = _local(el)
        if (name == "termNote" and el.get("type") == "termType") or name == "termType":
            return str(el.text or "").strip()
    return None


def _read_form(group: Any, got: Forms, first: bool, where: str, p: Path) -> tuple[str, str] | None:
    """One term group (``tig``/``ntig``/``termSec``/``termGroup``): its term under its form key (returned;
    None for a term the registry has no place for)."""
    term = next((el for el in group.iter() if _local(el) == "term"), None)
    text = unicodedata.normalize("NFC", "".join(term.itertext()).strip()) if term is not None else ""
    ids = [group.get("id")] + [el.get("id") for el in group.iter() if _local(el) in ("termGrp", "term")]
    parts = str(next((i for i in ids if i), "")).split(".")
    key: tuple[str, str] | None
    if len(parts) >= 5 and parts[-1] in CASES:
        key = (parts[-2], parts[-1])
    elif (variant := _TERM_TYPES.get(_term_type(group) or "")) is not None:
        key = (variant, "nom")
    else:
        key = ("name", "nom") if first else None
    if key is not None and text and key not in got:
        got[key] = text
    return key


def _slug(text: str) -> str:
    """A registry id from a name: ASCII letters and digits, lower case, joined by hyphens (``""`` if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c.lower() if c.isalnum() else " " for c in ascii_text).split()
    slug = ""
    for word in words:  # whole words, up to 48 characters
        if slug and len(slug) + 1 + len(word) > 48:
            break
        slug = f"{slug}-{word}" if slug else word[:48]
    return slug


def identify(entries: Iterable[TermEntry], known: Iterable[TermEntry]) -> list[tuple[TermEntry, str]]:
    """Give each entry of another tool (``kind == ""``) the registry's kind and id: the registry entry whose
    name (nominative) equals its name in en, else zh, else ru (case and Unicode form ignored), else a new
    ``terms`` entry whose id is made from the English name.  Returns ``(entry, id as the file wrote it)``."""
    def norm(text: str) -> str:
        return unicodedata.normalize("NFC", text).casefold().strip()

    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    taken: set[tuple[str, str]] = set()
    matched: set[tuple[str, str]] = set()
    for e in known:
        taken.add((e.kind, e.id))
        for lang in LANGUAGES:
            name = e.forms.get(lang, {}).get(("name", "nom"))
            if name:
                by_name.setdefault((lang, norm(name)), (e.kind, e.id))
    out: list[tuple[TermEntry, str]] = []
    for e in entries:
        written = f"{e.kind}.{e.id}" if e.kind else e.id
        if e.kind:
            taken.add((e.kind, e.id))
            out.append((e, written))
            continue
        hit = next((by_name[k] for lang in LANGUAGES
                    if (k := (lang, norm(e.forms[lang][("name", "nom")]))) in by_name), None)
        if hit is not None and hit in matched:  # a second entry of the file with the same name: a new one
            hit = None
        if hit is None:
            base = _slug(e.forms["en"][("name", "nom")]) or _slug(e.id) or "term"
            eid, n = base, 2
            while ("terms", eid) in taken:
                eid, n = f"{base}-{n}", n + 1
            hit = ("terms", eid)
        taken.add(hit)
        matched.add(hit)
        out.append((TermEntry(hit[0], hit[1], e.forms, e.accepted), written))
    return out


def _words_yaml(forms: Forms, variant: str) -> Any:
    cases = {case: text for (v, case), text in forms.items() if v == variant}
    if list(cases) == ["nom"]:
        return cases["nom"]
    return {c: cases[c] for c in CASES if c in cases}


def registry_yaml(entries: Iterable[TermEntry]) -> dict[str, dict[str, Any]]:
    """The registry-file structure (kind → id → language → name/variants) for ``entries``."""
    out: dict[str, dict[str, Any]] = {}
    for te in entries:
        item: dict[str, Any] = {}
        for lang in LANGUAGES:
            forms = te.forms[lang]
            variants = list(dict.fromkeys(v for v, _ in forms))
            if variants == ["name"]:
                item[lang] = _words_yaml(forms, "name")
            else:
                item[lang] = {v: _words_yaml(forms, v) for v in variants}
                if lang != "en" and "abbr" in variants and lang in te.accepted:
                    item[lang]["accepted"] = True
        out.setdefault(te.kind, {})[te.id] = item
    return out
