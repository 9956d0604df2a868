"""The lxml XXE fixer: a parse of an untrusted document gets a parser that resolves no entities and
fetches nothing; the program's own documents (string literals) and calls it cannot read are left alone;
the fixed files pass the real verifier."""

from __future__ import annotations

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

UPLOAD = (
    "from io import BytesIO\n\nfrom flask import Flask, jsonify, request\nfrom lxml import etree\n\n"
    "app = Flask(__name__)\n\n\ndef read_report(data):\n    return etree.parse(BytesIO(data))\n\n\n"
    '@app.post("/reports")\ndef upload():\n    tree = read_report(request.get_data())\n'
    '    return jsonify(title=tree.findtext("title"))\n'
)
SAFE = "etree.XMLParser(resolve_entities=False, no_network=True)"


def test_the_corpus_shape_gets_a_parser_without_entities():
    sf = new_file(UPLOAD, "reports/upload.py")
    out = fixed_text(sf, finding_at(sf, "etree.parse", "xxe"))
    assert out == UPLOAD.replace("etree.parse(BytesIO(data))", f"etree.parse(BytesIO(data), {SAFE})")


@pytest.mark.parametrize(
    ("imports", "line", "expected"),
    [
        (
            "from lxml import etree",
            "    doc = etree.fromstring(request.data)",
            f"etree.fromstring(request.data, {SAFE})",
        ),
        (
            "from lxml import etree as ET",
            "    doc = ET.XML(body)",
            "ET.XML(body, ET." + SAFE.removeprefix("etree.") + ")",
        ),
        (
            "import lxml.etree as le",
            "    doc = le.parse(f)",
            "le.parse(f, le." + SAFE.removeprefix("etree.") + ")",
        ),
        ("import lxml.etree", "    doc = lxml.etree.parse(f)", f"lxml.etree.parse(f, lxml.{SAFE})"),
        (
            "from lxml import etree",
            "    p = etree.XMLParser(remove_blank_text=True)",
            "etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)",
        ),
        ("from lxml import etree", "    p = etree.XMLParser()", SAFE),
        (
            "from lxml import etree",
            "    p = etree.XMLParser(no_network=True, huge_tree=False)",
            "etree.XMLParser(no_network=True, huge_tree=False, resolve_entities=False)",
        ),
    ],
)
def test_variants(imports, line, expected):
    text = f"{imports}\n\n\ndef f(request, body, f):\n{line}\n    return doc if 0 else p\n"
    text = text.replace("return doc if 0 else p", "return locals()")
    sf = new_file(text, "app/x.py")
    out = fixed_text(sf, finding_at(sf, line.strip()[:8], "xxe"))
    assert out is not None
    assert out.splitlines()[4].endswith(expected)
    assert out.splitlines()[4].startswith("    ")  # indentation kept


@pytest.mark.parametrize(
    "line",
    [
        '    doc = etree.parse("data/accounts.xml")',  # the repository's own file
        "    doc = etree.fromstring(b'<a/>')",
        "    doc = etree.parse(f, parser)",  # a parser already chosen
        "    doc = etree.parse(f, **opts)",
        "    doc = etree.parse(*args)",
        "    p = etree.XMLParser(**opts)",
        "    doc = ElementTree.parse(f)",  # not lxml
    ],
)
def test_shapes_left_alone(line):
    head = "from lxml import etree\nfrom xml.etree import ElementTree\n\n\n"
    text = f"{head}def f(f, parser, opts, args):\n{line}\n"
    sf = new_file(text, "app/x.py")
    assert fixed_text(sf, finding_at(sf, line.strip()[:8], "xxe")) is None


def test_a_call_over_several_lines_is_left_alone():
    text = "from lxml import etree\n\n\ndef f(data):\n    return etree.fromstring(\n        data\n    )\n"
    sf = new_file(text, "app/x.py")
    assert fixed_text(sf, finding_at(sf, "etree.fromstring", "xxe")) is None


def test_without_lxml_nothing_is_proposed():
    text = "import etree\n\n\ndef f(data):\n    return etree.parse(data)\n"
    sf = new_file(text, "app/x.py")
    assert fixed_text(sf, finding_at(sf, "etree.parse", "xxe")) is None


def test_the_fixes_pass_the_real_verifier(tmp_path):
    parser = "from lxml import etree\n\n\ndef build():\n    return etree.XMLParser(remove_blank_text=True)\n"
    pairs = []
    for text, path, needle in [
        (UPLOAD, "reports/upload.py", "etree.parse"),
        (parser, "app/p.py", "XMLParser"),
    ]:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, needle, "xxe")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == ["", ""]
    assert all(v.ok for v in verdicts)
