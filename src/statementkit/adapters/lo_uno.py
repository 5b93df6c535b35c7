"""Runs under Debian's /usr/bin/python3 (the only interpreter with ``uno``), started by
:mod:`statementkit.adapters.libreoffice`; no statementkit imports here.

Usage: python3 lo_uno.py PROFILE_DIR FILE.docx…  → one JSON object {file: {"accepted": [...],
"rejected": [...], "redlines": n} | {"error": "..."}} on stdout.  One soffice for all files.
``python3 lo_uno.py --lines PROFILE_DIR FILE.docx…`` → {file: {"lines": [[line, …] per body paragraph]}}: how
LibreOffice lays each paragraph out in lines (a new line wherever the view cursor's y position changes).
``python3 lo_uno.py --labels PROFILE_DIR FILE.docx…`` → {file: {"labels": [[list label, text, bullet font] per paragraph]}}:
the list label LibreOffice shows before each paragraph (its ``ListLabelString``, or a bullet's ``BulletChar``;
"" when unnumbered).
``python3 lo_uno.py --resave=OUTDIR PROFILE_DIR FILE.docx…`` → {file: {"resaved": path}}: each file opened and
saved again as DOCX (filter "MS Word 2007 XML") under OUTDIR, as a user re-saving it in LibreOffice would.
Paragraph texts: body paragraphs in order, tables cell by cell row by row (merged cells once), as
LibreOffice's own text model has them; the other stories (footnotes, endnotes, headers, footers, text
frames) are listed apart under "accepted_stories" / "rejected_stories" with ``--stories`` (first argument).
"""

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _paragraphs(xtext):
    out = []
    enum = xtext.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            parts = []
            portions = el.createEnumeration()
            while portions.hasMoreElements():
                portion = portions.nextElement()
                if portion.getPropertyValue("TextPortionType") in ("Footnote",):
                    continue
                parts.append(portion.getString())
            out.append("".join(parts))
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(_paragraphs(el.getCellByName(name)))
    return out


def _text_of(xtext):
    return "\n".join(_paragraphs(xtext))


def _stories(doc):
    """The other stories after accept/reject: footnotes and endnotes in order, the texts of the headers and
    footers of every page style that has them (sorted, empty ones left out), text frames (text boxes) in
    the order LibreOffice lists them."""
    out: dict = {"footnotes": [], "endnotes": [], "headers": [], "footers": [], "text boxes": []}
    for key, notes in (("footnotes", doc.getFootnotes()), ("endnotes", doc.getEndnotes())):
        for k in range(notes.getCount()):
            out[key].append(_text_of(notes.getByIndex(k)))
    styles = doc.getStyleFamilies().getByName("PageStyles")
    seen: dict = {"headers": set(), "footers": set()}
    for name in styles.getElementNames():
        style = styles.getByName(name)
        for kind, key in (("Header", "headers"), ("Footer", "footers")):
            if not style.getPropertyValue(f"{kind}IsOn"):
                continue
            for prop in (f"{kind}Text", f"{kind}TextFirst", f"{kind}TextLeft"):
                try:
                    xtext = style.getPropertyValue(prop)
                except Exception:
                    continue
                if xtext is not None:
                    text = _text_of(xtext)
                    if text.strip():
                        seen[key].add(text)
    out["headers"], out["footers"] = sorted(seen["headers"]), sorted(seen["footers"])
    page = doc.getDrawPage()  # a DOCX text box is a shape with a text frame attached ("TextBoxContent")
    for k in range(page.getCount()):
        shape = page.getByIndex(k)
        info = shape.getPropertySetInfo()
        if info.hasPropertyByName("TextBox") and shape.getPropertyValue("TextBox") \
                and info.hasPropertyByName("TextBoxContent"):
            frame = shape.getPropertyValue("TextBoxContent")
            if frame is not None:
                out["text boxes"].append(_text_of(frame.getText()))
    return out


def _labels(xtext):
    """[list label, paragraph text, bullet font] of every paragraph in reading order (tables cell by cell);
    the font is the bullet's (a symbol font's bullet is a private-use character), else ""."""
    out = []
    enum = xtext.createEnumeration()
    while enum.hasMoreElements():
        el = enum.nextElement()
        if el.supportsService("com.sun.star.text.Paragraph"):
            label, font = "", ""
            with contextlib.suppress(Exception):
                label = el.getPropertyValue("ListLabelString") or ""
                if not label and el.getPropertyValue("NumberingStyleName") is not None \
                        and el.getPropertyValue("NumberingRules") is not None and el.getPropertyValue("NumberingIsNumber"):
                    rules = el.getPropertyValue("NumberingRules")
                    level = {p.Name: p.Value for p in rules.getByIndex(el.getPropertyValue("NumberingLevel"))}
                    if level.get("NumberingType") == 6:  # CHAR_SPECIAL: a bullet
                        label = level.get("BulletChar", "")
                        bullet_font = level.get("BulletFont")
                        font = bullet_font.Name if bullet_font is not None else ""
            out.append([label, el.getString(), font])
        elif el.supportsService("com.sun.star.text.TextTable"):
            for name in el.getCellNames():
                out.extend(_labels(el.getCellByName(name)))
    return out


def _lines(doc):
    """Each body paragraph as the lines LibreOffice lays it out in."""
    view = doc.getCurrentController().getViewCursor()
    text = doc.getText()
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        para = enum.nextElement()
        if not para.supportsService("com.sun.star.text.Paragraph"):
            continue
        cursor = text.createTextCursorByRange(para.getStart())
        lines, line, y = [], "", None
        for ch in para.getString():
            cursor.goRight(1, True)
            view.gotoRange(cursor.getStart(), False)
            here = view.getPosition().Y
            if y is not None and here != y:
                lines.append(line)
                line = ""
            y, line = here, line + ch
            cursor.collapseToEnd()
        out.append([*lines, line])
    return out


def main(argv):
    layout = argv[:1] == ["--lines"]
    labels = argv[:1] == ["--labels"]
    resave = argv[0][len("--resave="):] if argv[:1] and argv[0].startswith("--resave=") else ""
    if layout or labels or resave:
        argv = argv[1:]
    stories = argv[:1] == ["--stories"]
    if stories:
        argv = argv[1:]
    profile, files = argv[0], argv[1:]
    pipe = f"sk_lo_{os.getpid()}_{int(time.time() * 1000) % 10**9}"
    work = tempfile.mkdtemp(prefix="sk_lo_work_")
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        start_new_session=True)
    results = {}
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        t0 = time.time()
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if proc.poll() is not None or time.time() - t0 > 60:
                    raise RuntimeError("soffice did not start") from None
                time.sleep(0.2)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for k, f in enumerate(files):
            copy = os.path.join(work, f"doc{k}.docx")
            shutil.copyfile(f, copy)
            res: dict = {}
            try:
                if labels or resave:
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                                       (_prop("Hidden", True),))
                    if doc is None:
                        raise RuntimeError("LibreOffice could not load the file")
                    try:
                        if labels:
                            res["labels"] = _labels(doc.getText())
                        else:
                            target = os.path.join(resave, os.path.basename(f))
                            doc.storeToURL(uno.systemPathToFileUrl(target),
                                           (_prop("FilterName", "MS Word 2007 XML"),))
                            res["resaved"] = target
                    finally:
                        doc.close(True)
                if layout:
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                                       (_prop("Hidden", True),))
                    if doc is None:
                        raise RuntimeError("LibreOffice could not load the file")
                    try:
                        res["lines"] = _lines(doc)
                    finally:
                        doc.close(True)
                for command, key in () if (layout or labels or resave) else ((".uno:AcceptAllTrackedChanges", "accepted"),
                                     (".uno:RejectAllTrackedChanges", "rejected")):
                    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                                       (_prop("Hidden", True),))
                    if doc is None:
                        raise RuntimeError("LibreOffice could not load the file")
                    try:
                        if key == "accepted":
                            n = 0
                            en = doc.getRedlines().createEnumeration()
                            while en.hasMoreElements():
                                en.nextElement()
                                n += 1
                            res["redlines"] = n
                        frame = doc.getCurrentController().getFrame()
                        dispatcher.executeDispatch(frame, command, "", 0, ())
                        res[key] = _paragraphs(doc.getText())
                        if stories:
                            res[key + "_stories"] = _stories(doc)
                    finally:
                        doc.close(True)
            except Exception as exc:  # one bad file does not sink the batch
                res = {"error": f"{type(exc).__name__}: {exc}"}
            results[f] = res
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
    json.dump(results, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
