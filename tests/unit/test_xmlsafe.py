"""The one XML guard (issue 10 item 10, issue 12 kind 2): decided on what a parser sees, in any encoding and
position; a DOCTYPE naming only an external DTD is accepted; entities, mis-declared encodings refused; one line."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from statementkit.adapters.xmlsafe import check_xml_chunks, declared_encoding, parse_xml
from statementkit.errors import XmlError

LONG_COMMENT = "<!-- " + "x" * 70_000 + " -->\n"
SUBSET = '<!DOCTYPE t [<!ENTITY e "boom">]>'


def refused(data: bytes, match: str) -> str:
    with pytest.raises(XmlError, match=match) as info:
        parse_xml(data, "T")
    assert "\n" not in str(info.value)
    return str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("prefix", ["", LONG_COMMENT, "<?pi x?>\n" * 3])
def test_internal_subset_refused_in_any_encoding_and_position(encoding: str, prefix: str) -> None:
    decl = f'<?xml version="1.0" encoding="{encoding.upper().replace("-LE", "").replace("-BE", "")}"?>'
    text = f"{decl}{prefix}{SUBSET}<t>&e;</t>"
    refused(text.encode(encoding), "internal DTD subset")  # utf-16-le/-be: no byte-order mark


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le"])
@pytest.mark.parametrize("prefix", ["", LONG_COMMENT])
def test_external_dtd_without_subset_is_accepted(encoding: str, prefix: str) -> None:
    decl = '<?xml version="1.0" encoding="UTF-16"?>' if encoding.startswith("utf-16") else '<?xml version="1.0"?>'
    for doctype in ('<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
                    '<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for Translation Memory eXchange//EN" '
                    '"tmx14.dtd">', "<!DOCTYPE t>"):
        root = parse_xml(f"{decl}{prefix}{doctype}<t a='&#x4e2d;'>文&amp;本</t>".encode(encoding), "T")
        assert root.text == "文&本" and root.get("a") == "中"


@pytest.mark.parametrize("body", ["<t>x&name;y</t>", '<t a="&name;">x</t>', "<t><s>&name;</s></t>"])
def test_entity_reference_under_external_dtd_is_refused_not_kept_or_dropped(body: str) -> None:
    refused(f'<?xml version="1.0"?><!DOCTYPE t SYSTEM "t.dtd">{body}'.encode(), "entity reference")


def test_billion_laughs_and_xxe_refused() -> None:
    bomb = ('<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
            + ']><l a="&j;">&j;</l>')
    refused(bomb.encode("utf-16"), "internal DTD subset")
    refused(b'<!DOCTYPE t [<!ENTITY % p SYSTEM "http://example.invalid/x.dtd"> %p;]><t/>', "internal DTD subset")


@pytest.mark.parametrize(("text", "encoding", "match"), [
    ('<?xml version="1.0" encoding="UTF-8"?><t>été</t>', "latin-1", "its bytes are not utf-8 "),
    ('<?xml version="1.0"?><t>Стороны</t>', "cp1251", "its bytes are not utf-8 "),
    ('<?xml version="1.0" encoding="ISO-8859-1"?><t>Стороны</t>', "utf-8", "its bytes are UTF-8"),
    ('<?xml version="1.0" encoding="windows-1251"?><t>Стороны</t>', "utf-8", "its bytes are UTF-8"),
    ('<?xml version="1.0" encoding="GB2312"?><t>中文文件</t>', "utf-8", "its bytes are not gb2312 "),
    ('<?xml version="1.0" encoding="UTF-16"?><t>x</t>', "utf-8", "declares the encoding UTF-16"),
    ('<?xml version="1.0" encoding="x-no-such"?><t>x</t>', "utf-8", "unknown character encoding"),
])
def test_bytes_not_in_the_declared_encoding_are_refused_not_read_as_mojibake(text: str, encoding: str,
                                                                           match: str) -> None:
    refused(text.encode(encoding), match)


@pytest.mark.parametrize(("text", "encoding"), [
    ('<?xml version="1.0" encoding="windows-1251"?><t>Стороны</t>', "cp1251"),
    ('<?xml version="1.0" encoding="GB2312"?><t>中文文件</t>', "gb2312"),
    ('<?xml version="1.0" encoding="GB18030"?><t>中文文件</t>', "gb18030"),
    ('<?xml version="1.0" encoding="ISO-8859-1"?><t>été</t>', "latin-1"),
    ('\ufeff<?xml version="1.0" encoding="UTF-8"?><t>été</t>', "utf-8"),
])
def test_legacy_encodings_that_decode_are_read(text: str, encoding: str) -> None:
    assert parse_xml(text.encode(encoding), "T").text == text.rsplit("<t>", 1)[1][:-4]


def test_declared_encoding_reads_bom_utf16_and_declaration() -> None:
    assert declared_encoding(b"\xef\xbb\xbf<?xml") == "utf-8-sig"
    assert declared_encoding("<?xml".encode("utf-16-le")) == "utf-16-le"
    assert declared_encoding(b"<?xml version='1.0' encoding='Windows-1251'?>") == "cp1251"
    assert declared_encoding(b"<t/>") == "utf-8"


def test_chunked_check_sees_a_doctype_split_across_chunks() -> None:
    data = (LONG_COMMENT + SUBSET + "<t/>").encode()
    with pytest.raises(XmlError, match="internal DTD subset"):
        check_xml_chunks((data[k:k + 7] for k in range(0, len(data), 7)), "T")


def test_huge_attribute_gives_one_line() -> None:
    refused(b'<t a="' + b"x" * (20 * 1024 * 1024) + b'"/>', "longer than libxml2's 10 MB limit")


@pytest.mark.slow
def test_expansion_attempts_finish_within_a_memory_bound() -> None:
    """Entity bombs (general, parameter, UTF-16, after a long comment) end in one line under 1 GB."""
    script = textwrap.dedent('''
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from statementkit.adapters.xmlsafe import parse_xml
        from statementkit.errors import XmlError
        ents = "".join('<!ENTITY e%d "%s">' % (i, ("&e%d;" % (i - 1)) * 10) for i in range(1, 30))
        bombs = ['<!DOCTYPE t [<!ENTITY e0 "ha">' + ents + ']><t>&e29;</t>',
                 '<!-- ' + 'x' * 100000 + ' --><!DOCTYPE t [<!ENTITY e0 "ha">' + ents + ']><t a="&e29;"/>',
                 '<!DOCTYPE t [<!ENTITY % p0 "ha">' + ''.join('<!ENTITY % p{0} "{1}">'.format(
                     i, ("%p" + str(i - 1) + ";") * 10) for i in range(1, 30)) + ']><t/>']
        for text in bombs:
            for enc in ("utf-8", "utf-16"):
                try:
                    parse_xml(text.encode(enc), "T")
                except XmlError as exc:
                    assert "\\n" not in str(exc)
                else:
                    sys.exit("accepted a bomb")
        print("ok")
    ''')
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_guard_fed_alongside_a_pull_parser_refuses_before_the_body_is_read() -> None:
    """A streaming reader feeds each chunk to the guard, then to the parser: the internal subset is refused
    on the chunk that completes the DOCTYPE, before any element reaches the reader."""
    from lxml import etree

    from statementkit.adapters.xmlsafe import XmlGuard

    data = ("<?xml version='1.0' encoding='UTF-16'?>" + LONG_COMMENT + SUBSET + "<t>" + "<u>&e;</u>" * 1000
            + "</t>").encode("utf-16")
    guard, parser, seen = XmlGuard("T"), etree.XMLPullParser(events=("end",), resolve_entities=False), 0
    with pytest.raises(XmlError, match="internal DTD subset"):
        for k in range(0, len(data), 4096):
            guard.feed(data[k:k + 4096])
            parser.feed(data[k:k + 4096])
            seen += sum(1 for _ in parser.read_events())
    assert seen == 0


def test_prolog_read_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from statementkit.adapters import xmlsafe

    monkeypatch.setattr(xmlsafe, "_MAX_PROLOG", 1024)
    monkeypatch.setattr(xmlsafe, "_CHUNK", 1024)
    refused(("<!-- " + "x" * 8000 + " -->" + SUBSET + "<t/>").encode(), "before the root element")
    assert parse_xml(("<t>" + "x" * 8000 + "</t>").encode(), "T").tag == "t"
