"""The registry's locked terminology (``terms`` and ``organisations``) as a TBX termbase, and back.

One ``termEntry`` per registry entry (id ``<kind>.<id>``), one ``langSet`` per language (en, zh, ru), one
``tig`` per form: the name and its variants (abbr, short …) with their Russian cases.  Each ``tig`` id
says which form it is (``terms.c5.ru.name.gen``), and a ``termNote type="administrativeStatus"`` marks the
name in the nominative as preferred, every other form as admitted.

Writing uses Translate Toolkit's TBX store (``translate.storage.tbx``: multilingual ``tbxunit`` with
``set_source_terms``/``set_target_terms``) with its skeleton's DOCTYPE left out — the project's hardened
parser refuses any DOCTYPE, and the TBX core DTD is not needed to read the file.  Reading walks the tree
from :func:`statementkit.adapters.xmlsafe.parse_xml`: the toolkit's store would parse the file again with
its own parser.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from statementkit import LANGUAGES
from statementkit.adapters.atomic import write_with
from statementkit.adapters.xmlsafe import parse_xml, read_xml_bytes
from statementkit.errors import XmlError, language_message
from statementkit.model.registry import CASES, Entry, Registry

KINDS = ("terms", "organisations")
XML_NS = "http://www.w3.org/XML/1998/namespace"
_MAX_BYTES = 64 * 1024 * 1024
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


def read_tbx(path: str | Path) -> list[TermEntry]:
    """Parse a termbase written by :func:`write_tbx` (or edited in a terminology tool keeping tig ids)."""
    p = Path(path)
    root = parse_xml(read_xml_bytes(p, "TBX file", _MAX_BYTES), p.name)
    if not isinstance(root.tag, str) or root.tag.rsplit("}", 1)[-1] not in ("martif", "tbx"):
        raise XmlError("not a TBX termbase (no <martif> root)", path=p)
    out: list[TermEntry] = []
    for term_entry in root.iter("termEntry"):
        ident = term_entry.get("id", "")
        kind, _, eid = ident.partition(".")
        if kind not in KINDS or not eid:
            raise XmlError(f"termEntry '{ident}': expected an id '<terms|organisations>.<id>'", path=p)
        forms: dict[str, Forms] = {}
        accepted = set(LANGUAGES)
        for lang_set in term_entry.iter("langSet"):
            lang = lang_set.get(f"{{{XML_NS}}}lang", "")
            if lang not in LANGUAGES:
                raise XmlError(f"termEntry '{ident}': {language_message(lang)}", path=p)
            got: Forms = {}
            for tig in lang_set.iter("tig"):
                term = tig.find("term")
                text = unicodedata.normalize("NFC", "".join(term.itertext()).strip()) if term is not None else ""
                parts = str(tig.get("id", "")).split(".")
                key = (parts[-2], parts[-1]) if len(parts) >= 5 else ("name", "nom") if not got else None
                if key is None or key[1] not in CASES:
                    raise XmlError(f"termEntry '{ident}' ({lang}): a term without a form id "
                                   f"('{kind}.{eid}.{lang}.<variant>.<case>')", path=p)
                if text:
                    got[key] = text
                status = tig.find("termNote[@type='administrativeStatus']")
                if key[0] == "abbr" and status is not None and status.text == "deprecatedTerm-admn-sts":
                    accepted.discard(lang)
            forms[lang] = got
        missing = [lg for lg in LANGUAGES if ("name", "nom") not in forms.get(lg, {})]
        if missing:
            raise XmlError(f"termEntry '{ident}': no name in {', '.join(missing)}", path=p)
        out.append(TermEntry(kind, eid, forms, frozenset(accepted)))
    if not out:
        raise XmlError("the termbase has no termEntry", path=p)
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
