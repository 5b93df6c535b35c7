"""Drafts of a negotiation generated from a built DOCX: edits by clause id, as a party's Word file would
carry them (for the five-party example, tests and ``bench/consolidate.py``).

An edit is one of ``("replace", clause_id, old, new)`` (the first occurrence of ``old`` in the clause's
paragraph, inside one run; clause id ``*``: the first paragraph anywhere, table cells included, that has
it), ``("delete", clause_id)``, ``("insert_after", clause_id, text)`` (a new
paragraph with the clause's formatting, without its clause bookmark) and ``("move_after", clause_id,
other_id)``; ``("comment", clause_id, author, text)`` adds a Word comment on the clause.
"""

from __future__ import annotations

import copy
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

Edit = tuple[str, ...]

# The five-party example: built from examples/china-central-asia-ip-2025 (host kz circulates the base in
# en, zh and ru); four parties answer on the English text, China on the Chinese, Turkmenistan on the
# Russian.
EXAMPLE = "china-central-asia-ip-2025"
EXAMPLE_DRAFTS: dict[str, tuple[str, list[Edit]]] = {
    "kg": ("en", [
        ("replace", "summit-consensus", "reaffirm their", "reiterate their"),  # conflicts with tj
        ("replace", "wipo", "strengthen", "deepen"),  # the same change as uz
        ("move_after", "treaties", "area-public-services"),  # a moved clause
        ("comment", "periodicity", "Aida Sultanova", "Kyrgyzstan could host in 2027 if the meeting is annual."),
    ]),
    "tj": ("en", [
        ("replace", "summit-consensus", "reaffirm their commitment", "confirm their firm commitment"),
        ("delete", "new-technologies"),
        ("insert_after", "work-plan", "The Parties will review the implementation of the work plan at each "
                                      "Meeting."),
    ]),
    "uz": ("en", [
        ("replace", "wipo", "strengthen", "deepen"),
        ("replace", "periodicity", "every two years", "every year"),  # overlaps nobody: the same clause as
        ("replace", "chair", "chairmanship", "presidency"),           # tj never touches
        ("replace", "*", "For IP Office", "For the IP Office"),  # in the signature table
    ]),
    "cn": ("zh", [
        ("replace", "ip-driver", "关键驱动力", "重要驱动力"),
        ("insert_after", "bripc", "各方愿加强在知识产权国际规则制定方面的沟通协调。"),
    ]),
    "tm": ("ru", [
        ("replace", "ip-driver", "ключевым", "важным"),
        ("delete", "bripc"),
    ]),
}


def _paragraph_of(root: Any, clause_id: str) -> Any:
    from statementkit.adapters.docx import oxml

    for p in root.iter(oxml.P):
        for name in oxml.paragraph_bookmarks(p):
            if oxml.clause_id_of_bookmark(name) == clause_id:
                return p
    raise KeyError(f"no clause {clause_id!r} in the document")


def _apply(root: Any, edit: Edit) -> None:
    from statementkit.adapters.docx import oxml

    kind, cid = edit[0], edit[1]
    if cid == "*":
        p = next(p for p in root.iter(oxml.P) if edit[2] in oxml.paragraph_text(p))
    else:
        p = _paragraph_of(root, cid)
    if kind == "replace":
        old, new = edit[2], edit[3]
        for t in p.iter(oxml.T):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return
        raise KeyError(f"{old!r} is not inside one run of clause {cid!r}")
    if kind == "delete":
        p.getparent().remove(p)
    elif kind == "insert_after":
        c = copy.deepcopy(p)
        for el in list(c):
            if el.tag in (oxml.BOOKMARK_START, oxml.w("bookmarkEnd")):
                c.remove(el)
        ts = list(c.iter(oxml.T))
        ts[0].text = edit[2]
        for t in ts[1:]:
            t.text = ""
        p.addnext(c)
    elif kind == "move_after":
        _paragraph_of(root, edit[2]).addnext(p)
    else:
        raise ValueError(f"unknown edit {kind!r}")


def make_draft(base: Path, out: Path, edits: Sequence[Edit]) -> None:
    """Write ``out``: ``base`` with ``edits`` applied to its document part (no tracked changes)."""
    from lxml import etree

    from statementkit.adapters.docx import oxml
    from statementkit.adapters.docx.comments import CommentSink
    from statementkit.adapters.docx.reader import load_parts

    _, root, _, _, part = load_parts(base)
    sink = CommentSink(base, part)
    for e in edits:
        if e[0] == "comment":
            comment = etree.Element(oxml.w("comment"))
            for name, value in (("id", "0"), ("author", e[2]), ("date", "2025-09-05T10:00:00Z"),
                                ("initials", "".join(x[0] for x in e[2].split()))):
                comment.set(oxml.w(name), value)
            etree.SubElement(etree.SubElement(etree.SubElement(comment, oxml.P), oxml.R), oxml.T).text = e[3]
            sink.add(comment, _paragraph_of(root, e[1]), sink.next_id(root))
        else:
            _apply(root, e)
    parts = sink.parts()
    parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, parts.pop(info.filename) if info.filename in parts else src.read(info.filename))
        for name, data in parts.items():
            dst.writestr(name, data)


def make_example(examples: Path, out: Path) -> dict[str, Path]:
    """Build the base in en, zh and ru from ``examples/<EXAMPLE>`` and the five drafts into ``out``;
    returns name -> path (``base.en``, ``base.zh``, ``base.ru``, and each party label)."""
    from statementkit.app.build import BuildOptions, build_statement

    out.mkdir(parents=True, exist_ok=True)
    spec = examples / EXAMPLE / "statement.yaml"
    paths: dict[str, Path] = {}
    for lang in ("en", "zh", "ru"):
        target = out / f"base.{lang}.docx"
        build_statement(spec, BuildOptions(langs=(lang,), output=out / f".build.{lang}.docx"))
        shutil.move(out / f".build.{lang}.docx", target)
        paths[f"base.{lang}"] = target
    for party, (lang, edits) in EXAMPLE_DRAFTS.items():
        target = out / f"draft-{party}.{lang}.docx"
        make_draft(paths[f"base.{lang}"], target, edits)
        paths[party] = target
    return paths


def synthetic_negotiation(folder: Path, n: int, parties: Sequence[str], share: float = 0.10,
                          seed: int = 11) -> tuple[Path, list[tuple[str, Path]]]:
    """A base DOCX of ``n`` synthetic clauses and one draft per party, each editing ``share`` of the
    clauses (one to three words replaced), the edited clauses drawn from the same 30 % of the text so that
    drafts overlap and conflict, plus one paragraph added and one dropped per draft.  Returns the base
    and (party, draft) pairs."""
    import random

    import docx

    def write(paragraphs: list[str], path: Path) -> None:
        d = docx.Document()
        for text in paragraphs:
            d.add_paragraph(text)
        d.save(str(path))

    rng = random.Random(seed)
    words = ["the", "parties", "agree", "to", "strengthen", "cooperation", "in", "the", "field", "of", "intellectual", "property", "including", "patents", "trademarks", "geographical", "indications", "copyright", "enforcement", "training", "exchange", "of", "information", "examination", "practice", "digital", "services", "awareness", "small", "and", "medium", "enterprises"]

    def clause() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(25, 45))).capitalize() + "."

    base = [clause() for _ in range(n)]
    write(base, folder / "base.docx")
    pool = rng.sample(range(n), max(1, int(n * 0.3)))
    drafts = []
    for party in parties:
        text = list(base)
        for k in rng.sample(pool, min(len(pool), int(n * share))):
            ws = text[k].split(" ")
            for _ in range(rng.randint(1, 3)):
                ws[rng.randrange(len(ws))] = rng.choice(words)
            text[k] = " ".join(ws)
        text.insert(rng.randrange(n), clause())
        del text[rng.randrange(n)]
        path = folder / f"draft-{party}.docx"
        write(text, path)
        drafts.append((party, path))
    return folder / "base.docx", drafts
