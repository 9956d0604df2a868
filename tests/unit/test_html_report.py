"""The HTML scan report: self-contained, and no file name, title, message, step or fix from the
scanned code can add markup to it (a property over hostile strings)."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.tree_scan import whole_file_change
from bot.core.coverage import Coverage, FileCoverage, FileState, SkipReason
from bot.core.html_report import directory_of, html_report
from bot.core.models import ChangeSet, Confidence, Finding, Provenance, Severity
from bot.core.review import Policy, Review, build_review

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "main",
    "section", "div", "b", "figure", "figcaption", "svg", "text", "rect", "article", "span", "ol",
    "li", "ul", "pre", "details", "summary", "table", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRS = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "xmlns", "width", "height",
    "role", "aria-label", "x", "y", "text-anchor", "fill",
}  # fmt: skip
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</style><script>x()</script>",
        "</text></svg><iframe src=//evil>",
        "<!--",
        "]]><![CDATA[",
        "&lt;b&gt;",
        "javascript:alert(1)",
        "' onmouseover='x",
        "<a href=//evil>link</a>",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(min_size=1, max_size=60), st.builds(lambda a, b: a + b, HOSTILE, st.text()))


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []
        self.comments = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.update(name for name, _ in attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments += 1


def _finding(path: str, title: str, *, message: str, step: str, fix: str | None, category: str) -> Finding:
    return Finding(
        rule_id="rule-x",
        engine="semgrep",
        category=category,
        cwe="CWE-79",
        title=title,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=path,
        start_line=1,
        end_line=1,
        message=message,
        explanation=message,
        remediation=(step,),
        replacement=fix,
        provenance=Provenance(engine="semgrep"),
    )


def _review(findings: list[Finding], coverage: list[FileCoverage], notes: list[str]) -> Review:
    changes = tuple(whole_file_change(p, [""]) for p in sorted({f.path for f in findings}))
    return build_review(findings, ChangeSet(changes), Coverage(tuple(coverage)), Policy(), notes=notes)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=TEXT.filter(lambda p: not p.startswith("/")),
    title=TEXT,
    message=TEXT,
    step=TEXT,
    fix=st.none() | TEXT,
    category=TEXT,
    note=TEXT,
    label=TEXT,
)
def test_hostile_text_cannot_add_markup(
    *, path: str, title: str, message: str, step: str, fix: str | None, category: str, note: str, label: str
) -> None:
    findings = [_finding(path, title, message=message, step=step, fix=fix, category=category)]
    coverage = [
        FileCoverage(path, FileState.ANALYSED, ("rule pack",)),
        FileCoverage(title, FileState.SKIPPED, reason=SkipReason.TOO_LARGE, detail=message),
    ]
    page = html_report(_review(findings, coverage, [note]), title=label)
    parsed = _Collect()
    parsed.feed(page)
    parsed.close()
    assert set(parsed.tags) <= ALLOWED_TAGS, set(parsed.tags) - ALLOWED_TAGS
    assert parsed.attrs <= ALLOWED_ATTRS, parsed.attrs - ALLOWED_ATTRS
    assert parsed.comments == 0
    # the structure is the one a harmless finding gets: one article, three charts, one finding heading
    assert parsed.tags.count("article") == 1 and parsed.tags.count("svg") == 3
    assert parsed.tags.count("script") == 0 and parsed.tags.count("h3") == 1
    text = "".join(parsed.text)
    for value in (title, message, step):
        if value.strip() and "\r" not in value:
            assert value in text  # shown as text, whole


def test_the_page_is_self_contained_and_counts_by_severity_class_and_directory() -> None:
    findings = [
        _finding("cms/admin/views.py", "XSS", message="m", step="s", fix=None, category="xss"),
        _finding("cms/admin/forms.py", "XSS", message="m", step="s", fix="fixed()", category="xss"),
        _finding(
            "setup.py", "Command injection", message="m", step="s", fix=None, category="command-injection"
        ),
    ]
    page = html_report(_review(findings, [], []), title="django-cms")
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for needle in ("http://", "https://", "src=", "href=", "@import", "url("):
        assert needle not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert ">xss (CWE-79)</text>" in page and ">command-injection (CWE-79)</text>" in page
    assert ">cms/admin/</text>" in page and ">(root)</text>" in page
    assert page.count('<article class="finding">') == 3 and "<pre>fixed()</pre>" in page
    assert directory_of("a/b/c/d.py") == "a/b/" and directory_of("x.py") == "(root)"


def test_secrets_in_findings_are_redacted_in_the_page() -> None:
    secret = "AKIAIOSFODNN7EXAMPLQ"
    page = html_report(
        _review(
            [_finding("k.py", "key", message=f'key = "{secret}"', step="s", fix=None, category="secrets")],
            [],
            [],
        )
    )
    assert secret not in page
