"""The lxml XXE fixer: a parse of an untrusted document gets a parser that resolves no entities and
fetches nothing; the program's own documents (string literals) and calls it cannot read are left alone;
the fixed files pass the real verifier."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import python_xml
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


CORPUS = Path(__file__).resolve().parents[1] / "corpus"
INVOICE = (CORPUS / "py-xxe-vuln-1" / "after" / "billing" / "invoice_import.py").read_text(encoding="utf-8")


def test_a_parser_made_on_the_line_above_is_made_safe_there():
    sf = new_file(INVOICE, "billing/invoice_import.py")
    finding = finding_at(sf, "etree.fromstring", "xxe")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement == (
        "    parser = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        "    root = etree.fromstring(request.get_data(), parser)"
    )
    assert (out.start_line, out.end_line) == (finding.start_line - 1, finding.start_line)


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("", "resolve_entities=False, no_network=True"),
        ("huge_tree=True", "huge_tree=True, resolve_entities=False, no_network=True"),
        ("no_network=True, resolve_entities=True", "no_network=True, resolve_entities=False"),
        ("resolve_entities=True", "resolve_entities=False, no_network=True"),
    ],
)
def test_named_parser_options(options, expected):
    text = (
        "from lxml import etree\n\n\ndef f(data):\n"
        f"    p = etree.XMLParser({options})\n    return etree.fromstring(data, p)\n"
    )
    sf = new_file(text, "app/x.py")
    out = fixed_text(sf, finding_at(sf, "etree.fromstring", "xxe"))
    assert out is not None and f"    p = etree.XMLParser({expected})" in out.splitlines()


@pytest.mark.parametrize(
    "made",
    [
        "p = etree.XMLParser(resolve_entities=False, no_network=True)",  # already safe
        "p = etree.XMLParser(resolve_entities=flag)",  # decided elsewhere
        "p = make_parser()",
        "p = etree.XMLParser(**opts)",
        "p = etree.XMLParser()\n    q = p",  # used again
    ],
)
def test_named_parsers_left_alone(made):
    head = "from lxml import etree\n\n\ndef f(data, flag, opts):\n"
    text = f"{head}    {made}\n    return etree.fromstring(data, p)\n"
    sf = new_file(text, "app/x.py")
    assert fixed_text(sf, finding_at(sf, "etree.fromstring", "xxe")) is None


def test_the_named_parser_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(INVOICE, "billing/invoice_import.py")
    verdicts = verify_all([(sf, finding_at(sf, "etree.fromstring", "xxe"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="resolve_entitiesno_network=TrueFals, ()'\"\\#\n", max_size=60))
def test_hostile_parser_options_never_raise_and_the_parser_ends_safe(options):
    text = (
        "from lxml import etree\n\n\ndef f(data):\n"
        f"    p = etree.XMLParser({options})\n    return etree.fromstring(data, p)\n"
    )
    sf = new_file(text, "app/x.py")
    out = python_xml.propose(finding_at(sf, "etree.fromstring", "xxe"), sf)
    if out is None or out.replacement is None:
        return
    parser = out.replacement.splitlines()[0]
    assert "resolve_entities=False" in parser and "no_network=True" in parser
    assert "resolve_entities=True" not in parser and "no_network=False" not in parser
