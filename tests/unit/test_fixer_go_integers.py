"""The Go integer-width fixer (issue 12): a number parsed at full width and only ever narrowed to one
type is parsed at that width instead (``strconv.ParseUint(s, 10, 32)`` for ``uint32(v)``); every other
use of the value, a discarded error or a parse already narrow is left alone; the corpus fix passes the
real verifier; hostile text never makes it raise or rewrite anything but the parse call."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers import go_integers
from bot.analysis.verify import apply_fix
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
USER = (CORPUS / "go-integer-overflow-vuln-1" / "after" / "oci" / "user.go").read_text(encoding="utf-8")


def _go(body: str, params: str = "s string") -> str:
    return f'package p\n\nimport "strconv"\n\nfunc f({params}) int64 {{\n{body}\n\treturn 0\n}}\n'


def test_the_corpus_uid_is_parsed_at_32_bits():
    sf = new_file(USER, "oci/user.go")
    finding = finding_at(sf, "strconv.Atoi", "integer-overflow", end_needle="uint32(v)")
    out = fixed_text(sf, finding)
    assert out == USER.replace("strconv.Atoi(user)", "strconv.ParseUint(user, 10, 32)")


@pytest.mark.parametrize(
    ("parse", "use", "expected"),
    [
        ("strconv.Atoi(s)", "int32(v)", "strconv.ParseInt(s, 10, 32)"),
        ("strconv.Atoi(s)", "uint8(v)", "strconv.ParseUint(s, 10, 8)"),
        ("strconv.ParseInt(s, 16, 64)", "int16(v)", "strconv.ParseInt(s, 16, 16)"),
        ("strconv.ParseUint(s, 10, 0)", "uint16(v)", "strconv.ParseUint(s, 10, 16)"),
    ],
)
def test_the_parse_takes_the_width_of_the_one_conversion(parse, use, expected):
    text = _go(f"\tv, err := {parse}\n\tif err != nil {{\n\t\treturn 1\n\t}}\n\t_ = {use}")
    sf = new_file(text, "p/f.go")
    out = fixed_text(sf, finding_at(sf, "strconv.", "integer-overflow"))
    assert out == text.replace(parse, expected)


@pytest.mark.parametrize(
    "body",
    [
        "\tv, err := strconv.Atoi(s)\n\t_ = err\n\t_ = uint32(v)\n\treturn int64(v)",  # used at full width
        "\tv, err := strconv.Atoi(s)\n\t_ = err\n\tif v > 10 {\n\t\t_ = uint32(v)\n\t}",  # compared
        "\tv, err := strconv.Atoi(s)\n\t_ = err\n\t_ = uint32(v)\n\t_ = int16(v)",  # two widths
        "\tv, _ := strconv.Atoi(s)\n\t_ = uint32(v)",  # the error is dropped
        "\tv, err := strconv.ParseInt(s, 10, 32)\n\t_ = err\n\t_ = int32(v)",  # already narrow
        "\tv, err := strconv.Atoi(s)\n\t_ = err\n\t_ = uint64(v)",  # a wide conversion
        "\tv, err := strconv.Atoi(s)\n\t_ = err\n\tfmt.Println(uint32(v), v)",  # passed on as well
    ],
)
def test_other_uses_are_left_to_a_person(body):
    sf = new_file(_go(body), "p/f.go")
    assert fixed_text(sf, finding_at(sf, "strconv.", "integer-overflow")) is None


def test_the_corpus_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(USER, "oci/user.go")
    finding = finding_at(sf, "strconv.Atoi", "integer-overflow", end_needle="uint32(v)")
    assert [v.reason for v in verify_all([(sf, finding)], tmp_path)] == [""]


HOSTILE = st.text(alphabet="vs_()[]{}\"'`+-*/%=,:;<>!&|^.0123456789 \t\nuintParseAto", max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE, HOSTILE, st.sampled_from(["uint32", "int8", "int16", "uint64", "float32", "T"]))
@example("0,", "", "uint32")  # found by CI: a trailing comma in the call
def test_hostile_text_never_raises_and_only_the_parse_call_changes(argument, extra, kind):
    text = _go(f"\tv, err := strconv.Atoi({argument})\n\t_ = err\n\t_ = {kind}(v)\n\t{extra}")
    sf = new_file(text, "p/f.go")
    out = go_integers.propose(finding_at(sf, "strconv.Atoi", "integer-overflow"), sf)
    if out is None or out.replacement is None:
        return
    assert kind in go_integers.NARROW
    bits = go_integers.NARROW[kind]
    parse = "ParseUint" if kind.startswith("u") else "ParseInt"
    # the call is rebuilt from the argument itself: Go's optional trailing comma (Atoi(0,)) goes
    arg = argument.strip().removesuffix(",").rstrip()
    expected = text.replace(f"strconv.Atoi({argument})", f"strconv.{parse}({arg}, 10, {bits})")
    assert apply_fix(text, out) == expected
