"""A review as one self-contained HTML page (``remediator scan --format html``): summary, SVG bar
charts of findings by severity, class and directory, the coverage report and every finding.

Pure: standard library only. Nothing is loaded from elsewhere (inline CSS and SVG, no script, a
``Content-Security-Policy`` that forbids the rest). Every string from the scanned code or a tool
(file names, titles, rule messages, steps, fixes, notes) is redacted and goes through ``_esc``,
the one escape function of this output; no attribute value is built from such a string.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence

from bot import __version__
from bot.core.coverage import FileState
from bot.core.models import Severity
from bot.core.redact import redact
from bot.core.review import RankedFinding, Review

CSP = "default-src 'none'; style-src 'unsafe-inline'"
SEVERITY_COLOUR = {
    Severity.CRITICAL: "#7a0019",
    Severity.HIGH: "#c0392b",
    Severity.MEDIUM: "#d68910",
    Severity.LOW: "#2e86c1",
}
BAR_COLOUR = "#34495e"
CHART_ROWS = 15
_LABEL_CHARS = 48

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1c2833;
background:#f4f6f7}
header{background:#1c2833;color:#fff;padding:16px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#d5d8dc}main{padding:16px 24px;max-width:1200px}
section{background:#fff;border:1px solid #d5d8dc;border-radius:6px;padding:12px 16px;margin:0 0 16px}
h2{font-size:17px;margin:0 0 8px}.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 150px;background:#fff;border:1px solid #d5d8dc;border-radius:6px;padding:10px 14px}
.card b{display:block;font-size:24px}.charts{display:flex;flex-wrap:wrap;gap:16px}
.charts figure{flex:1 1 340px;margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font:12px system-ui,sans-serif;fill:#1c2833}
.partial{color:#b03a2e;font-weight:600}.complete{color:#1e8449;font-weight:600}
.finding{border-top:1px solid #e5e8e8;padding:10px 0}.finding:first-of-type{border-top:0}
.finding h3{font-size:15px;margin:0 0 4px}.where{font-family:ui-monospace,monospace;word-break:break-all}
.sev{display:inline-block;min-width:64px;text-align:center;color:#fff;border-radius:3px;padding:0 6px;
font-size:12px;text-transform:uppercase}.sev-critical{background:#7a0019}.sev-high{background:#c0392b}
.sev-medium{background:#d68910}.sev-low{background:#2e86c1}.meta{color:#566573;font-size:12px}
pre{background:#f8f9f9;border:1px solid #e5e8e8;padding:8px;overflow:auto;white-space:pre-wrap}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:3px 8px;border-bottom:1px solid #eee;
vertical-align:top}td.path{font-family:ui-monospace,monospace;word-break:break-all}
"""


def _esc(text: str) -> str:
    """The one escape of this output: redacted, then every markup character as an entity."""
    return html.escape(redact(text), quote=True)


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "\u2026"


def directory_of(path: str, depth: int = 2) -> str:
    """The first ``depth`` directories of ``path`` ("(root)" for a file at the top)."""
    parts = path.split("/")[:-1]
    return "/".join(parts[:depth]) + "/" if parts else "(root)"


def bar_chart(rows: Sequence[tuple[str, int, str]], title: str) -> str:
    """A horizontal bar chart as inline SVG: one (label, count, colour) per row."""
    label_w, bar_w, row_h = 230, 260, 22
    height = max(1, len(rows)) * row_h + 8
    top = max((count for _, count, _ in rows), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
        f'role="img" aria-label="{html.escape(title, quote=True)}">'
    ]
    if not rows:
        parts.append(f'<text x="4" y="{row_h - 6}">none</text>')
    for i, (label, count, colour) in enumerate(rows):
        y = 4 + i * row_h
        width = max(1, round(bar_w * count / top)) if count else 0
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_esc(_short(label))}</text>'
            f'<rect x="{label_w}" y="{y + 2}" width="{width}" height="{row_h - 6}" fill="{colour}"/>'
            f'<text x="{label_w + width + 6}" y="{y + 15}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _top(counter: Counter[str]) -> list[tuple[str, int, str]]:
    rows = [(label, n, BAR_COLOUR) for label, n in counter.most_common(CHART_ROWS)]
    rest = sum(counter.values()) - sum(n for _, n, _ in rows)
    if rest:
        rows.append((f"({len(counter) - CHART_ROWS} more)", rest, "#aab7b8"))
    return rows


def _finding(rf: RankedFinding) -> str:
    f = rf.finding
    where = f"{f.path}:{f.start_line}" + (f"-{f.end_line}" if f.end_line > f.start_line else "")
    parts = [
        '<article class="finding">',
        f'<h3><span class="sev sev-{f.severity.label}">{f.severity.label}</span> {_esc(f.title)}</h3>',
        f'<div class="where">{_esc(where)}</div>',
        f'<div class="meta">rank {rf.rank} &middot; {f.confidence.label} confidence &middot; '
        f"{_esc(f.cwe)} &middot; {_esc(f.category)} &middot; rule {_esc(f.rule_id)} &middot; "
        f"{_esc(f.engine)}</div>",
        f"<p>{_esc(f.message)}</p>",
    ]
    if f.explanation:
        parts.append(f"<p><b>Why:</b> {_esc(f.explanation)}</p>")
    if f.remediation:
        steps = "".join(f"<li>{_esc(step)}</li>" for step in f.remediation)
        parts.append(f"<ol>{steps}</ol>")
    if f.replacement is not None:
        parts.append(
            f"<p>Suggested fix (advice: read it before applying):</p><pre>{_esc(f.replacement)}</pre>"
        )
    parts.append("</article>")
    return "".join(parts)


def _coverage(review: Review) -> str:
    cov = review.coverage
    state = (
        '<span class="complete">complete</span>'
        if review.complete
        else '<span class="partial">partial: some files that should have been analysed were not</span>'
    )
    rows = "".join(
        f'<tr><td class="path">{_esc(fc.path)}</td><td>{_esc(fc.describe())}</td></tr>'
        for fc in cov.files
        if fc.state is not FileState.ANALYSED
    )
    reasons = ", ".join(f"{_esc(reason)}: {n:,}" for reason, n in sorted(cov.skip_counts().items()))
    parts = [
        '<section id="coverage"><h2>Coverage</h2>',
        f"<p>Scan {state}. {len(cov.analysed):,} file(s) analysed, {len(cov.partial):,} partially "
        f"analysed, {len(cov.skipped):,} skipped{' (' + reasons + ')' if reasons else ''}.</p>",
    ]
    if rows:
        parts.append(
            "<details><summary>Files not fully analysed, and why</summary>"
            f"<table><tr><th>File</th><th>State</th></tr>{rows}</table></details>"
        )
    parts.append("</section>")
    return "".join(parts)


def _list(items: Iterable[str], heading: str, ident: str) -> str:
    entries = "".join(f"<li>{_esc(x)}</li>" for x in items)
    return f'<section id="{ident}"><h2>{heading}</h2><ul>{entries}</ul></section>' if entries else ""


def html_report(review: Review, *, title: str = "") -> str:
    """The whole page. ``title`` (the scanned tree's name) is untrusted like everything else."""
    findings = review.findings
    by_severity = Counter(rf.finding.severity for rf in findings)
    sev_rows = [(s.label, by_severity.get(s, 0), SEVERITY_COLOUR[s]) for s in sorted(Severity, reverse=True)]
    by_class = Counter(f"{rf.finding.category} ({rf.finding.cwe})" for rf in findings)
    by_dir = Counter(directory_of(rf.finding.path) for rf in findings)
    cov = review.coverage
    name = _esc(title) if title else "scan"
    cards = [
        (f"{len(findings):,}", "findings"),
        (
            f"{by_severity.get(Severity.CRITICAL, 0) + by_severity.get(Severity.HIGH, 0):,}",
            "critical or high",
        ),
        (f"{len(cov.analysed):,}", "files analysed"),
        (f"{len(cov.partial) + len(cov.skipped):,}", "files partial or skipped"),
    ]
    body = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Remediator scan: {name}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>Remediator scan: {name}</h1>",
        f"<p>remediator {html.escape(__version__)} &middot; engines: "
        f"{_esc(', '.join(review.engines)) or 'none'} &middot; "
        f"{'complete' if review.complete else 'PARTIAL'}</p></header><main>",
        '<section id="summary"><div class="cards">',
        *(f'<div class="card"><b>{value}</b>{label}</div>' for value, label in cards),
        "</div></section>",
        '<section id="charts"><h2>Findings</h2><div class="charts">',
        f"<figure><figcaption>By severity</figcaption>{bar_chart(sev_rows, 'Findings by severity')}</figure>",
        f"<figure><figcaption>By class</figcaption>{bar_chart(_top(by_class), 'Findings by class')}</figure>",
        f"<figure><figcaption>By directory</figcaption>{bar_chart(_top(by_dir), 'Findings by directory')}"
        "</figure></div></section>",
        _list(review.failures, "Failures", "failures"),
        _coverage(review),
        '<section id="findings"><h2>All findings, highest risk first</h2>',
        *(_finding(rf) for rf in findings),
        "<p>No findings.</p>" if not findings else "",
        "</section>",
        _list(review.notes, "Notes", "notes"),
        "</main></body></html>\n",
    ]
    return "\n".join(part for part in body if part)
