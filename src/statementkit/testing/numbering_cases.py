"""DOCX files with automatic numbering, one numbering case each, built from WordprocessingML text: every
number format Word offers for zh, ru and en, lists continued across ``w:num`` of one definition, start and
level overrides, level restarts, legal numbering, numbering styles, symbol-font bullets, and broken
numbering parts.  The tests read them with :mod:`statementkit.adapters.docx.list_labels` and compare the
labels with LibreOffice's rendering of the same file.

Each paragraph's text names what Word shows for it where that is known without a renderer (``fmt 12``,
``cont 4``), so a reader can follow a failing case.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Every format :func:`statementkit.adapters.docx.list_labels.format_number` knows, with the language its
# paragraphs are in (the words of ordinal/cardinal text depend on it).
FORMATS: tuple[tuple[str, str], ...] = (
    ("decimal", "en-US"), ("decimalZero", "en-US"), ("upperRoman", "en-US"), ("lowerRoman", "en-US"),
    ("upperLetter", "en-US"), ("lowerLetter", "en-US"), ("ordinal", "en-US"), ("cardinalText", "en-US"),
    ("ordinalText", "en-US"), ("ordinal", "ru-RU"), ("cardinalText", "ru-RU"), ("ordinalText", "ru-RU"),
    ("russianLower", "ru-RU"), ("russianUpper", "ru-RU"), ("chineseCounting", "zh-CN"),
    ("chineseCountingThousand", "zh-CN"), ("chineseLegalSimplified", "zh-CN"),
    ("ideographLegalTraditional", "zh-TW"), ("ideographDigital", "zh-CN"), ("ideographTraditional", "zh-CN"),
    ("ideographZodiac", "zh-CN"), ("ideographZodiacTraditional", "zh-CN"), ("ideographEnclosedCircle", "zh-CN"),
    ("decimalEnclosedCircle", "zh-CN"), ("decimalEnclosedCircleChinese", "zh-CN"),
    ("decimalEnclosedFullstop", "zh-CN"), ("decimalEnclosedParen", "zh-CN"), ("decimalFullWidth", "zh-CN"),
    ("taiwaneseCounting", "zh-TW"), ("taiwaneseCountingThousand", "zh-TW"), ("taiwaneseDigital", "zh-TW"),
    ("chicago", "en-US"), ("hex", "en-US"),
)
# the runs of numbers each format is checked on: (start, count)
RUNS: tuple[tuple[int, int], ...] = ((1, 30), (95, 12), (998, 5), (1999, 3), (3000, 2))


@dataclass
class Para:
    text: str
    num: int | None = None
    ilvl: int | None = None
    style: str | None = None
    lang: str = "en-US"


@dataclass
class Case:
    """One DOCX: numbering.xml's abstractNum and num elements (as text), extra styles, paragraphs."""

    name: str
    abstracts: list[str] = field(default_factory=list)
    nums: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    paragraphs: list[Para] = field(default_factory=list)


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "", rpr: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val={quoteattr(text)}/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 + 360 * ilvl}" w:hanging="360"/></w:pPr>{rpr}</w:lvl>')


def abstract(aid: int, *levels: str, link: str = "") -> str:
    return f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>{link}{"".join(levels)}</w:abstractNum>'


def num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def format_case() -> Case:
    """Every format of :data:`FORMATS` on the numbers of :data:`RUNS` (one list per format and run)."""
    case = Case("formats")
    aid = 0
    for fmt, lang in FORMATS:
        for start, count in RUNS:
            aid += 1
            case.abstracts.append(abstract(aid, level(0, fmt, "%1.", start)))
            case.nums.append(num(aid, aid))
            case.paragraphs += [Para(f"{fmt} {lang} {start + k}", aid, 0, lang=lang) for k in range(count)]
    return case


def structure_case() -> Case:
    """Lists continued across w:num, overrides, restarts, legal numbering, numbering styles, bullets."""
    c = Case("structure")
    # 1 — one definition, two instances, then an instance that restarts, then the first again
    c.abstracts.append(abstract(1, level(0, "decimal", "%1.")))
    c.nums += [num(1, 1), num(2, 1),
               num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'),
               num(4, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
                         + level(0, "upperRoman", "%1)", 5) + '</w:lvlOverride>')]
    c.paragraphs += [Para(f"cont {k}", 1, 0) for k in (1, 2, 3)]
    c.paragraphs += [Para(f"cont {k}", 2, 0) for k in (4, 5)]
    c.paragraphs += [Para(f"restarted {k}", 3, 0) for k in (1, 2)]
    c.paragraphs += [Para("cont again", 1, 0), Para("level override", 4, 0), Para("level override 2", 4, 0)]
    # 2 — three levels; level 2 restarts only after level 0 (lvlRestart 1); level 1 never (lvlRestart 0)
    c.abstracts.append(abstract(2, level(0, "decimal", "%1."), level(1, "lowerLetter", "%1.%2)", extra='<w:lvlRestart w:val="0"/>'),
                                level(2, "lowerRoman", "(%3)", extra='<w:lvlRestart w:val="1"/>')))
    c.nums.append(num(10, 2))
    for text, ilvl in (("a", 0), ("b", 1), ("c", 2), ("d", 2), ("e", 1), ("f", 2), ("g", 0), ("h", 1),
                       ("i", 2), ("j", 0), ("k", 2)):
        c.paragraphs.append(Para(f"levels {text}", 10, ilvl))
    # 3 — legal numbering: level 1 shows level 0's number in decimal
    c.abstracts.append(abstract(3, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2", extra="<w:isLgl/>"),
                                level(2, "lowerLetter", "%1.%2.%3")))
    c.nums.append(num(11, 3))
    for text, ilvl in (("a", 0), ("b", 1), ("c", 2), ("d", 0), ("e", 1)):
        c.paragraphs.append(Para(f"legal {text}", 11, ilvl))
    # 4 — a numbering style: definition 5 links to style "OutlineList", which definition 4 defines
    c.abstracts.append(abstract(4, level(0, "upperLetter", "%1."), level(1, "decimal", "%1.%2"),
                                link='<w:styleLink w:val="OutlineList"/>'))
    c.abstracts.append(abstract(5, link='<w:numStyleLink w:val="OutlineList"/>'))
    c.nums += [num(12, 4), num(13, 5)]
    c.styles.append('<w:style w:type="numbering" w:styleId="OutlineList"><w:name w:val="Outline List"/>'
                    '<w:pPr><w:numPr><w:numId w:val="12"/></w:numPr></w:pPr></w:style>')
    c.paragraphs += [Para("style link a", 13, 0), Para("style link b", 13, 1), Para("style link c", 13, 0)]
    # 5 — a paragraph style carrying the numbering, the level from the definition's w:pStyle
    c.abstracts.append(abstract(6, level(0, "decimal", "Article %1", extra='<w:pStyle w:val="ArticleHeading"/>'),
                                level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="SectionHeading"/>')))
    c.nums.append(num(14, 6))
    c.styles += ['<w:style w:type="paragraph" w:styleId="ArticleHeading"><w:name w:val="Article Heading"/>'
                 '<w:pPr><w:numPr><w:numId w:val="14"/></w:numPr></w:pPr></w:style>',
                 '<w:style w:type="paragraph" w:styleId="SectionHeading"><w:name w:val="Section Heading"/>'
                 '<w:basedOn w:val="ArticleHeading"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="14"/></w:numPr></w:pPr></w:style>']
    c.paragraphs += [Para("article one", style="ArticleHeading"), Para("section one", style="SectionHeading"),
                     Para("section two", style="SectionHeading"), Para("article two", style="ArticleHeading"),
                     Para("numbering switched off", 0, 0, style="ArticleHeading")]
    # 6 — bullets: Symbol's U+F0B7, Wingdings' U+F0A7, Courier's "o", an en dash in Times New Roman
    for aid, char, font in ((7, "\uf0b7", "Symbol"), (8, "\uf0a7", "Wingdings"), (9, "o", "Courier New"),
                            (20, "–", "Times New Roman")):
        rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
        c.abstracts.append(abstract(aid, level(0, "bullet", char, rpr=rpr)))
        c.nums.append(num(20 + aid, aid))
        c.paragraphs.append(Para(f"bullet {font}", 20 + aid, 0))
    # 7 — a list starting at 0 and one at 32767 (Word's bounds)
    c.abstracts += [abstract(10, level(0, "decimal", "%1.", 0)), abstract(11, level(0, "decimal", "%1.", 32767))]
    c.nums += [num(30, 10), num(31, 11)]
    c.paragraphs += [Para("from zero", 30, 0), Para("from zero 2", 30, 0), Para("at the top", 31, 0)]
    return c


def broken_cases() -> dict[str, Case]:
    """Numbering parts Word reads past: a numbering-style loop, a missing definition, an undefined list,
    a level the list does not define, a label text of 100 000 characters.  Every paragraph must keep its
    text."""
    loop = Case("loop")
    loop.abstracts += [abstract(1, link='<w:numStyleLink w:val="StyleA"/>'),
                       abstract(2, link='<w:numStyleLink w:val="StyleB"/>')]
    loop.nums += [num(1, 1), num(2, 2)]
    loop.styles += ['<w:style w:type="numbering" w:styleId="StyleA"><w:name w:val="A"/>'
                    '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>',
                    '<w:style w:type="numbering" w:styleId="StyleB"><w:name w:val="B"/>'
                    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>']
    loop.paragraphs += [Para("first clause in a loop", 1, 0), Para("second clause in a loop", 2, 0)]
    missing = Case("missing")
    missing.abstracts.append(abstract(1, level(0, "decimal", "%1.")))
    missing.nums += [num(1, 1), num(2, 7)]
    missing.paragraphs += [Para("numbered", 1, 0), Para("definition missing", 2, 0), Para("list missing", 9, 0),
                           Para("level missing", 1, 4), Para("numbered again", 1, 0)]
    huge = Case("huge")
    huge.abstracts.append(abstract(1, level(0, "decimal", "%1." + "x" * 100_000)))
    huge.nums.append(num(1, 1))
    huge.paragraphs += [Para("a label of 100 000 characters", 1, 0), Para("unnumbered")]
    return {"loop": loop, "missing": missing, "huge": huge}


def bad_value_case(attr: str, value: str) -> Case:
    """A numbering part with one value out of Word's bounds: ``attr`` "start" or "ilvl"."""
    c = Case(f"bad-{attr}")
    if attr == "start":
        c.abstracts.append(abstract(1, level(0, "lowerLetter", "%1.", 1).replace('w:val="1"/><w:numFmt',
                                                                               f'w:val="{value}"/><w:numFmt')))
        c.nums.append(num(1, 1))
        c.paragraphs.append(Para("absurd start", 1, 0))
    else:
        c.abstracts.append(abstract(1, level(0, "decimal", "%1.")))
        c.nums.append(num(1, 1))
        c.paragraphs.append(Para("absurd level", 1, int(value)))
    return c


def _paragraph(p: Para) -> str:
    ppr = ""
    if p.style:
        ppr += f'<w:pStyle w:val="{p.style}"/>'
    if p.num is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{p.ilvl or 0}"/><w:numId w:val="{p.num}"/></w:numPr>'
    ppr += f'<w:rPr><w:lang w:val="{p.lang}" w:eastAsia="{p.lang}"/></w:rPr>'
    text = p.text.replace("&", "&amp;").replace("<", "&lt;")
    return (f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr><w:lang w:val="{p.lang}" w:eastAsia="{p.lang}"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def write_case(case: Case, path: Path) -> Path:
    """The DOCX of ``case`` at ``path`` (a minimal package Word and LibreOffice open)."""
    ns = f'xmlns:w="{W_NS}"'
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>'
                + "".join(_paragraph(p) for p in case.paragraphs)
                + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {ns}>'
                 + "".join(case.abstracts) + "".join(case.nums) + "</w:numbering>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {ns}>'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              + "".join(case.styles) + "</w:styles>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>'),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/numbering" Target="numbering.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>'),
        "word/document.xml": document,
        "word/numbering.xml": numbering,
        "word/styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text.encode("utf-8"))
    return path
