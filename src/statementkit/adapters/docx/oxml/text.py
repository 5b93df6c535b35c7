"""Paragraphs and runs: fonts and language of runs, the text a reader sees, runs through their
containers, splitting runs at character offsets, and the hidden bookmarks that carry clause ids."""

from __future__ import annotations

from typing import Any

from statementkit.adapters.docx.oxml.ns import (
    BOOKMARK_START,
    DEL_TEXT,
    PPR,
    RPR,
    RUN_CONTAINERS,
    TBL,
    P,
    R,
    T,
    w,
)
from statementkit.adapters.docx.oxml.shown import RUN_CHARS, paragraph_shown, step_field, symbol_char
from statementkit.adapters.docx.oxml.symbols import run_text


def set_east_asian_font(rpr_owner: Any, font: str) -> None:
    """Set ``w:rFonts/@w:eastAsia`` on a style or run (python-docx's ``font.name`` sets only ascii/hAnsi)."""
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(w("rFonts"))
    if rfonts is None:
        from lxml import etree

        rfonts = etree.SubElement(rpr, w("rFonts"))
        rpr.remove(rfonts)
        rpr.insert(0, rfonts)
    rfonts.set(w("eastAsia"), font)


def east_asian_font(rpr_owner: Any) -> str | None:
    rpr = rpr_owner.rPr
    if rpr is None:
        return None
    rfonts = rpr.find(w("rFonts"))
    return None if rfonts is None else rfonts.get(w("eastAsia"))


def set_language(rpr_owner: Any, lang_tag: str, *, east_asia: str | None = None) -> None:
    """``w:lang`` on a style or run: spell-checking and hyphenation language (e.g. ru-RU, zh-CN)."""
    from lxml import etree

    rpr = rpr_owner.get_or_add_rPr()
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, w("lang"))
    lang.set(w("val"), lang_tag)
    if east_asia:
        lang.set(w("eastAsia"), east_asia)


def element_text(el: Any) -> str:
    """Text of a paragraph as Word shows it with tracked changes accepted (:func:`.shown.paragraph_shown`:
    ``w:del`` and ``w:moveFrom`` skipped, every run-level element read; what text cannot hold is left out)."""
    return paragraph_shown(el).text


def run_pieces(run: Any) -> list[tuple[Any, str]]:
    """(child, text) for each child of a run, in order: w:t and w:delText give their text, the characters
    of :data:`.shown.RUN_CHARS` (w:br, w:cr "\\n", w:tab, w:ptab "\\t", w:noBreakHyphen U+2011,
    w:softHyphen U+00AD) and w:sym its character; everything else (drawings, field characters, field code
    text, note references) gives ""."""
    out = []
    for c in run:
        tag = c.tag
        if tag in (T, DEL_TEXT):
            out.append((c, run_text(run, c.text or "")))
        elif tag in RUN_CHARS:
            out.append((c, RUN_CHARS[tag]))
        elif tag == w("sym"):
            out.append((c, symbol_char(c) or ""))
        else:
            out.append((c, ""))
    return out


def paragraph_runs(p: Any) -> list[Any]:
    """The runs of a paragraph in document order, through hyperlinks, simple fields, smart tags and
    run-level containers (not into text boxes or nested paragraphs)."""
    out: list[Any] = []

    def walk(el: Any) -> None:
        for c in el:
            if c.tag == R:
                out.append(c)
            elif c.tag in RUN_CONTAINERS:
                walk(c)
    walk(p)
    return out


def _field_state(runs: list[Any]) -> list[bool]:
    """For each run: True when it lies inside a complex field's code (between begin and separate), whose
    text is not shown."""
    depth_code: list[bool] = []
    out = []
    fld_char = w("fldChar")
    for r in runs:
        in_code = bool(depth_code and depth_code[-1])
        out.append(in_code)
        for fc in r.iter(fld_char):
            step_field(depth_code, fc)
    return out



def paragraph_segments(p: Any) -> list[tuple[Any, Any, str]]:
    """(run, child, text) for every text-carrying child of the paragraph's visible runs."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    out = []
    for r, h in zip(runs, hidden, strict=True):
        if h:
            continue
        for c, text in run_pieces(r):
            if text:
                out.append((r, c, text))
    return out


def paragraph_text(p: Any) -> str:
    return "".join(t for _, _, t in paragraph_segments(p))


def paragraph_style(p: Any) -> str | None:
    ppr = p.find(PPR)
    if ppr is None:
        return None
    st = ppr.find(w("pStyle"))
    return None if st is None else st.get(w("val"))


def paragraph_bookmarks(p: Any) -> list[str]:
    return [b.get(w("name"), "") for b in p.iter(BOOKMARK_START)]


def block_items(container: Any) -> list[Any]:
    """Paragraphs and tables directly in a body, cell, or similar container (content controls unwrapped
    beforehand)."""
    return [c for c in container if c.tag in (P, TBL)]


def get_or_add_ppr(p: Any) -> Any:
    from lxml import etree

    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    return ppr


def split_run(run: Any, child: Any, offset: int) -> Any:
    """Split ``run`` before character ``offset`` of its text child ``child`` (offset 0: before the child).
    Returns the new run holding the rest; both keep the run properties."""
    import copy

    from lxml import etree

    new = etree.Element(R)
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    children = [c for c in run if c.tag != RPR]
    idx = children.index(child)
    move = children[idx + 1:]
    if offset > 0:
        text = child.text or ""
        rest = etree.SubElement(new, child.tag)
        rest.text = text[offset:]
        rest.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        child.text = text[:offset]
        child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    else:
        move = children[idx:]
    for c in move:
        new.append(c)
    run.addnext(new)
    return new


def text_runs(p: Any) -> list[tuple[Any, int, int]]:
    """(run, start, end) for every visible run of ``p`` in new-text coordinates (end == start when the run
    has no text)."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    out = []
    pos = 0
    for r, h in zip(runs, hidden, strict=True):
        n = 0 if h else sum(len(t) for _, t in run_pieces(r))
        out.append((r, pos, pos + n))
        pos += n
    return out


def split_at(p: Any, offsets: set[int]) -> None:
    """Make every offset in ``offsets`` fall on a run boundary in ``p``."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    pos = 0
    for r, h in zip(runs, hidden, strict=True):
        if h:
            continue
        cur = r
        for child, text in run_pieces(r):
            n = len(text)
            if not n:
                continue
            cuts = sorted(o - pos for o in offsets if pos < o < pos + n)
            done = 0
            piece = child
            for cut in cuts:
                k = cut - done
                if child.tag in (T, DEL_TEXT):
                    cur = split_run(cur, piece, k)
                    piece = next(c for c in cur if c.tag == child.tag)
                done = cut
            # a boundary right after this child (but before the next one) splits the run too
            if pos + n in offsets:
                nxt = piece.getnext()
                if nxt is not None:
                    cur = split_run(cur, nxt, 0)
            pos += n


# Clause ids ride on hidden bookmarks "_sk_<id>" ('-' written '_', '_' written '__'), since Word bookmark
# names allow only letters, digits and underscores.
CLAUSE_BOOKMARK_PREFIX = "_sk_"


def clause_bookmark_name(clause_id: str) -> str | None:
    """The bookmark name carrying ``clause_id``, or None when the id cannot be encoded."""
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in clause_id):
        return None
    name = CLAUSE_BOOKMARK_PREFIX + clause_id.replace("_", "__").replace("-", "_")
    return name if len(name) <= 40 else None  # Word keeps bookmark names to 40 characters


def add_clause_bookmark(p: Any, clause_id: str, ident: int) -> bool:
    """Wrap a paragraph's content in a hidden bookmark carrying ``clause_id`` (False if it cannot)."""
    from lxml import etree

    name = clause_bookmark_name(clause_id)
    if name is None:
        return False
    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), str(ident))
    start.set(w("name"), name)
    end = etree.Element(w("bookmarkEnd"))
    end.set(w("id"), str(ident))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)
    return True


def clause_id_of_bookmark(name: str) -> str | None:
    if not name.startswith(CLAUSE_BOOKMARK_PREFIX):
        return None
    out = []
    s = name[len(CLAUSE_BOOKMARK_PREFIX):]
    k = 0
    while k < len(s):
        if s[k] == "_":
            if s[k + 1:k + 2] == "_":
                out.append("_")
                k += 2
                continue
            out.append("-")
        else:
            out.append(s[k])
        k += 1
    return "".join(out) or None


def run_language(lang: str) -> tuple[str, str]:
    """(``w:val``, ``w:eastAsia``) of ``w:lang`` for text of ``lang`` (en, zh, ru).  Chinese text keeps
    ``w:val`` for its Latin characters (digits, Latin words) in en-US, as Word itself does, so that a
    reader does not break "2023" by Chinese rules; the Chinese characters are zh-CN through ``w:eastAsia``."""
    return {"en": "en-US", "ru": "ru-RU"}.get(lang, "en-US"), "zh-CN"


# Russian contractions written with a hyphen that must not break at the end of a line (господин, госпожа,
# господа, доктор): Word's non-breaking hyphen keeps them whole.
_NO_BREAK = ("г-н", "г-жа", "г-да", "д-р")


def no_break_hyphens(run: Any) -> None:
    """Write the hyphen of every contraction in ``_NO_BREAK`` inside ``run``'s text as ``w:noBreakHyphen``
    (read back as "-" by :func:`element_text`)."""
    import regex
    from lxml import etree

    pattern = regex.compile(r"(?<!\w)(" + "|".join(regex.escape(a) for a in _NO_BREAK) + r")(?!\w)",
                            regex.IGNORECASE)
    for t in list(run.iter(T)):
        text = t.text or ""
        cuts = [m.start() + m.group(1).index("-") for m in pattern.finditer(text)]
        if not cuts:
            continue
        pieces = [text[a + (1 if i else 0): b] for i, (a, b) in enumerate(zip([0, *cuts], [*cuts, len(text)], strict=True))]
        at = t
        for i, piece in enumerate(pieces):
            if i:
                at.addnext(etree.Element(w("noBreakHyphen")))
                at = at.getnext()
                at.addnext(etree.Element(T))
                at = at.getnext()
            at.text = piece
            if piece != piece.strip():
                at.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
