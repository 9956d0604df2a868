"""bot.core.terminal: what reaches a terminal from untrusted text (property tests), and the text
report of a review (`remediator review`/`scan`) built from a hostile finding."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.terminal import printable, printable_lines


@given(st.text())
def test_a_line_has_only_printable_characters_and_keeps_its_length(text):
    out = printable(text)
    assert out.isprintable() and len(out) == len(text)
    assert all(a == b for a, b in zip(text, out, strict=True) if a.isprintable())


@given(st.text())
def test_a_report_keeps_its_newlines_and_tabs_and_nothing_else_unprintable(text):
    out = printable_lines(text)
    assert len(out) == len(text)
    assert out.split("\n") == [printable_lines(part) for part in text.split("\n")]
    assert all(c.isprintable() or c in "\n\t" for c in out)
    assert out.count("\n") == text.count("\n") and out.count("\t") == text.count("\t")


def test_printable_text_is_unchanged_whatever_its_script():
    text = "Ünïcode 中文 العربية — `code` ✓"
    assert printable(text) == text and printable_lines(text + "\n\t") == text + "\n\t"


def test_the_text_report_neutralises_a_hostile_finding():
    from bot.core.coverage import Coverage
    from bot.core.models import Confidence, Finding, Severity
    from bot.core.render import text_report
    from bot.core.review import Placement, RankedFinding, Review

    finding = Finding(
        rule_id="py.sqli",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="SQL \x1b[2J\x1b[H built",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path="app/\u202eyp.sv",
        start_line=3,
        end_line=3,
        message="msg \x1b]8;;http://x\x07link",
        remediation=("step \x00one",),
        fingerprint="f" * 64,
    )
    ranked = RankedFinding(finding, 1, 3.0, "ranked 1 of 1", Placement.SUMMARY, None, "cap \x1b[1m")
    review = Review((ranked,), (), Coverage(()), notes=("note \x1b[5m",))
    out = text_report(review)
    assert not any(c in out for c in "\x1b\x07\x00\u202e"), repr(out)
    assert "summary only (cap ?[1m)" in out and "Note: note ?[5m" in out
    assert "SQL ?[2J?[H built" in out and "app/?yp.sv:3" in out and "1. step ?one" in out
