"""Generate small DOCX files with every kind of story, for tests: body paragraphs, footnotes, a header and a
footer, a text box (Word 2010's ``wps`` shape inside ``mc:AlternateContent``, with the VML copy in
``mc:Fallback`` as Word writes it), comments, simple fields and extra package parts.

The package is written by hand (zipfile): python-docx has no API for notes, text boxes or comments, and the
point is to control every byte the reader sees.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R + "/"
_NS = (f'xmlns:w="{W}" xmlns:r="{R}" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
       'mc:Ignorable="wps"')
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@dataclass
class StoryDoc:
    """What :func:`write_story_docx` writes.  ``footnotes``: (body paragraph index, note text);
    ``text_box``: (body paragraph index, its paragraphs); ``comments``: (body paragraph index, author,
    text); ``fields``: body paragraph index -> simple field instruction (shown text "1"); ``equations``:
    body paragraph index -> the text of an equation in it; ``extra_parts``: other members (name -> XML
    text), related to nothing."""

    body: list[str]
    footnotes: list[tuple[int, str]] = field(default_factory=list)
    header: str | None = None
    footer: str | None = None
    text_box: tuple[int, list[str]] | None = None
    comments: list[tuple[int, str, str]] = field(default_factory=list)
    fields: dict[int, str] = field(default_factory=dict)
    equations: dict[int, str] = field(default_factory=dict)
    extra_parts: dict[str, str] = field(default_factory=dict)


def _p(text: str, inner: str = "") -> str:
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f"<w:p>{run}{inner}</w:p>"  # inner: runs after the text (references, fields, a text box, comments)


def _text_box(paragraphs: list[str]) -> str:
    content = "".join(_p(t) for t in paragraphs)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2743200" cy="914400"/>'
        '<wp:docPr id="1" name="Text Box 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2743200" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:rect style="width:216pt;height:72pt">'
        f'<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:rect></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')


def _note(nid: int, text: str) -> str:
    return (f'<w:footnote w:id="{nid}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')


def write_story_docx(path: Path, doc: StoryDoc) -> Path:
    """Write ``doc`` as a DOCX at ``path`` (returned).  Comment ids start at 100: LibreOffice 7.4 mixes up
    comments and footnotes whose ids are equal (a footnote then shows another note's text), which Word's
    own files avoid by numbering comments apart."""
    rels = [("rIdFn", "footnotes", "footnotes.xml"), ("rIdSt", "settings", "settings.xml")]
    types = [("/word/document.xml", _CT + "document.main+xml"), ("/word/footnotes.xml", _CT + "footnotes+xml"),
             ("/word/settings.xml", _CT + "settings+xml")]
    # the separator notes named in the settings, as Word writes them (LibreOffice needs this to number
    # the other notes right)
    parts: dict[str, str] = {"word/settings.xml": f'<w:settings {_NS}><w:footnotePr><w:footnote w:id="-1"/>'
                                                  '<w:footnote w:id="0"/></w:footnotePr></w:settings>'}
    paras = []
    for k, text in enumerate(doc.body):
        inner = ""
        for n, (at, _) in enumerate(doc.footnotes, 1):
            if at == k:
                inner += (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                          f'<w:footnoteReference w:id="{n}"/></w:r>')
        if k in doc.fields:
            inner += f'<w:fldSimple w:instr="{escape(doc.fields[k])}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        if k in doc.equations:
            inner += f"<m:oMath><m:r><m:t>{escape(doc.equations[k])}</m:t></m:r></m:oMath>"
        if doc.text_box is not None and doc.text_box[0] == k:
            inner += _text_box(doc.text_box[1])
        starts = "".join(f'<w:commentRangeStart w:id="{c + 100}"/>' for c, (at, _, _) in enumerate(doc.comments)
                         if at == k)
        ends = "".join(f'<w:commentRangeEnd w:id="{c + 100}"/><w:r><w:commentReference w:id="{c + 100}"/></w:r>'
                       for c, (at, _, _) in enumerate(doc.comments) if at == k)
        paras.append(_p(text, inner + ends).replace("<w:p>", "<w:p>" + starts, 1))
    sect = ""
    for kind, maybe in (("header", doc.header), ("footer", doc.footer)):
        if maybe is None:
            continue
        text = maybe
        tag = "hdr" if kind == "header" else "ftr"
        parts[f"word/{kind}1.xml"] = f'<w:{tag} {_NS}>{_p(text)}</w:{tag}>'
        rels.append((f"rId{kind}", kind, f"{kind}1.xml"))
        types.append((f"/word/{kind}1.xml", _CT + f"{kind}+xml"))
        sect += f'<w:{kind}Reference w:type="default" r:id="rId{kind}"/>'
    if doc.comments:
        parts["word/comments.xml"] = (f"<w:comments {_NS}>" + "".join(
            f'<w:comment w:id="{c + 100}" w:author="{escape(author)}" w:date="2024-05-01T00:00:00Z">'
            f'{_p(text, "").replace("<w:p>", "<w:p><w:r><w:annotationRef/></w:r>", 1)}</w:comment>'
            for c, (_, author, text) in enumerate(doc.comments)) + "</w:comments>")
        rels.append(("rIdCm", "comments", "comments.xml"))
        types.append(("/word/comments.xml", _CT + "comments+xml"))
    parts["word/document.xml"] = (f'<w:document {_NS}><w:body>{"".join(paras)}<w:sectPr>{sect}'
                                  '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    parts["word/footnotes.xml"] = (
        f'<w:footnotes {_NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        '</w:r></w:p></w:footnote>' + "".join(_note(n, t) for n, (_, t) in enumerate(doc.footnotes, 1))
        + "</w:footnotes>")
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="{i}" Type="{RT}{t}" Target="{target}"/>' for i, t, target in rels)
        + "</Relationships>")
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/></Relationships>')
    parts.update(doc.extra_parts)
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{c}"/>' for n, c in types) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ("[Content_Types].xml", "_rels/.rels", *[n for n in parts if n not in
                                                              ("[Content_Types].xml", "_rels/.rels")]):
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + parts[name])
    return path


OLD = StoryDoc(
    body=["The Parties reaffirm their commitment to cooperation.", "They agreed to meet every two years.",
          "Done in Astana on 1 May 2024."],
    footnotes=[(0, "As set out in the 2019 memorandum."), (2, "In the Kazakh, Chinese and Russian languages.")],
    header="Joint Statement (draft)", footer="Restricted until release",
    text_box=(1, ["Box: first line stays.", "Box: the second line as drafted."]),
    comments=[(0, "Kazakhstan", "Please check the date of the memorandum.")])
NEW = StoryDoc(
    body=["The Parties reaffirm their commitment to cooperation.", "They agreed to meet every three years.",
          "Done in Astana on 1 May 2024."],
    footnotes=[(0, "As set out in the 2020 memorandum."), (1, "At the level of ministers."),
               (2, "In the Kazakh, Chinese and Russian languages.")],
    header="Joint Statement (final)", footer="Restricted until release",
    text_box=(1, ["Box: first line stays.", "Box: the second line as agreed."]),
    comments=[(0, "Kazakhstan", "Please check the date of the memorandum."),
              (1, "Uzbekistan", "We propose three years.")])
