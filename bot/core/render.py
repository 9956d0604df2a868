"""Render a review as the bot posts it: one Markdown comment per finding plus one summary.

Pure: standard library only. Every untrusted string (titles, rule messages with metavariable
values, file names, notes, anything a model wrote) goes through ``bot.core.markdown`` (redacted,
one line, shown literally); only a verified fix becomes a fenced block or a suggestion.
Each comment carries a hidden marker with the finding's fingerprint so later runs can update,
resolve or skip it instead of posting it twice.
"""

from __future__ import annotations

import re

from bot.core.coverage import FileState
from bot.core.markdown import md_code, md_text
from bot.core.models import Finding
from bot.core.redact import redact
from bot.core.review import RankedFinding, Review
from bot.core.terminal import printable_lines

COMMENT_MARKER = "<!-- remediator:finding fp={fp} -->"
SUMMARY_MARKER = "<!-- remediator:summary -->"
_MARKER_RE = re.compile(r"<!-- remediator:finding fp=([0-9a-f]{8,64}) -->")

_ADVICE = "Suggestions are advice: read the change before you accept it."
SUGGESTION_GITHUB = "github"
SUGGESTION_GITLAB = "gitlab"


def marker_fingerprint(body: str) -> str | None:
    """The fingerprint in a comment written by ``comment_body``, if any."""
    match = _MARKER_RE.search(body or "")
    return match.group(1) if match else None


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _heading(f: Finding) -> str:
    return f"**{f.severity.label.capitalize()} severity: {md_text(f.title)}** ({md_text(f.cwe)})"


def suggestion_info(style: str, start_line: int | None, line: int) -> str:
    """The info string of a suggestion fence for a comment on ``line`` replacing ``start_line``..``line``.

    GitHub: ``suggestion`` (the comment's own line range). GitLab: ``suggestion:-A+B``, relative to
    the commented line (the comment sits on the last line, so A lines above and none below).
    """
    if style == SUGGESTION_GITLAB:
        above = line - start_line if start_line is not None and start_line < line else 0
        return f"suggestion:-{above}+0"
    return "suggestion"


def comment_body(rf: RankedFinding, *, suggestion_style: str = SUGGESTION_GITHUB) -> str:
    """The Markdown of the inline comment for one finding, in the host's suggestion syntax."""
    f = rf.finding
    parts = [
        COMMENT_MARKER.format(fp=f.fingerprint),
        _heading(f),
        f"Confidence: {f.confidence.label}. {md_text(f.message)}",
    ]
    if f.explanation:
        parts.append(f"**Why it matters:** {md_text(f.explanation)}")
    if f.remediation:
        steps = "\n".join(f"{i}. {md_text(step)}" for i, step in enumerate(f.remediation, 1))
        parts.append(f"**How to fix it**\n{steps}")
    if f.replacement is not None:
        fixed = redact(f.replacement)
        fence = _fence(fixed)
        if rf.anchor is not None and rf.anchor.suggestion:
            info = suggestion_info(suggestion_style, rf.anchor.start_line, rf.anchor.line)
            how = (
                "written by a model; verified: re-scanned clean, changes only the flagged expression"
                if f.fix_origin == "model"
                else "verified: re-scanned clean"
            )
            parts.append(f"**Suggested fix** ({how})\n{fence}{info}\n{fixed}\n{fence}")
        else:
            span = (
                f"lines {f.start_line}-{f.end_line}" if f.end_line > f.start_line else f"line {f.start_line}"
            )
            origin = "written by a model; " if f.fix_origin == "model" else ""
            parts.append(
                f"**Proposed fix** for {span} ({origin}not offered as a one-click suggestion: it touches "
                f"lines outside this change)\n{fence}\n{fixed}\n{fence}"
            )
    corroborated = md_text(", ".join(f.provenance.corroborated_by))
    source = (
        f"{md_code(f.rule_id)} ({md_text(f.engine)}"
        + (f", corroborated by {corroborated}" if corroborated else "")
        + ")"
    )
    parts.append(
        f"<sub>{md_text(rf.why_rank[:1].upper() + rf.why_rank[1:])}. Rule {source}. {_ADVICE} "
        f"Advisory {md_code(f.fingerprint[:8])}: reply `/remediator help` for commands.</sub>"
    )
    return "\n\n".join(parts)


def _location(f: Finding) -> str:
    if f.end_line > f.start_line:
        return f"{f.path}:{f.start_line}-{f.end_line}"
    return f"{f.path}:{f.start_line}"


def _md_cell(text: str) -> str:
    return md_text(text, table=True)


def summary_body(review: Review, *, title: str = "Remediator security review") -> str:
    """The one summary comment per pull request: ranked findings, what was not inline, coverage."""
    lines = [SUMMARY_MARKER, f"### {title}", ""]
    n = len(review.findings)
    if not review.complete:
        lines.append("**This review is partial**: some files or analyzers did not complete (see coverage).")
        lines.append("")
    if n == 0:
        lines.append("No security findings in this change.")
    else:
        inline = len(review.inline)
        lines.append(
            f"{n} finding{'s' if n != 1 else ''} in this change (the lines it adds, and checks it removes); "
            f"{inline} commented inline, {n - inline} listed here only."
        )
        lines += [
            "",
            "| # | Severity | Confidence | Risk | Finding | Location | Where |",
            "|---|---|---|---|---|---|---|",
        ]
        for rf in review.findings:
            f = rf.finding
            where = "inline" if rf.summary_reason == "" else f"here only: {rf.summary_reason}"
            lines.append(
                f"| {rf.rank} | {f.severity.label} | {f.confidence.label} | "
                f"{_md_cell(rf.risk_factors.brief())} | {_md_cell(f.title)} "
                f"({_md_cell(f.cwe)}) | {md_code(_location(f), table=True)} | {_md_cell(where)} |"
            )
        lines += ["", "<details><summary>Why each finding ranks where it does</summary>", ""]
        lines += [f"{rf.rank}. {md_text(rf.risk_factors.why(rf.finding))}" for rf in review.findings]
        lines += ["", "</details>"]
        summary_only = review.summary_only
        if summary_only:
            lines += ["", "<details><summary>Findings not commented inline</summary>", ""]
            for rf in summary_only:
                f = rf.finding
                lines.append(f"- **{md_text(f.title)}** at {md_code(_location(f))}: {md_text(f.message)}")
                for i, step in enumerate(f.remediation, 1):
                    lines.append(f"  {i}. {md_text(step)}")
            lines += ["", "</details>"]
    if review.outside_change:
        lines += [
            "",
            f"{len(review.outside_change)} further finding(s) lie on lines this change does not add "
            "(pre-existing code); they are not commented.",
        ]
    lines += ["", coverage_markdown(review)]
    for note in review.notes:
        lines += ["", f"_{md_text(note)}_"]
    for failure in review.failures:
        lines += ["", f"**Not completed:** {md_text(failure)}"]
    lines += ["", f"<sub>{_ADVICE} Remediator never pushes commits, approves or merges.</sub>"]
    return "\n".join(lines)


def coverage_markdown(review: Review) -> str:
    cov = review.coverage
    head = (
        f"**Coverage:** {len(cov.analysed)} file(s) analysed, {len(cov.partial)} partially, "
        f"{len(cov.skipped)} skipped."
    )
    rows = [f"- {md_code(fc.path)}: {md_text(fc.describe())}" for fc in cov.files]
    return head + "\n\n<details><summary>Files</summary>\n\n" + "\n".join(rows) + "\n\n</details>"


def text_report(review: Review, *, whole_tree: bool = False) -> str:
    """A plain-text rendering for terminals: every finding, then coverage. ``whole_tree`` for a scan
    (``remediator scan``): every line of a scanned file counts, so the count names the scanned files,
    not a change's added lines."""
    out: list[str] = []
    for rf in review.findings:
        f = rf.finding
        place = "inline" if not rf.summary_reason else f"summary only ({rf.summary_reason})"
        out.append(
            f"{_location(f)}: {f.severity.label.upper()} [{f.confidence.label} confidence] "
            f"{redact(f.title)} ({f.cwe}) [{f.rule_id}] -> {place}"
        )
        out.append(f"    {redact(f.message)}")
        if f.explanation:
            out.append(f"    Why: {redact(f.explanation)}")
        for i, step in enumerate(f.remediation, 1):
            out.append(f"    {i}. {redact(step)}")
        if f.replacement is not None:
            kind = "suggestion" if rf.anchor and rf.anchor.suggestion else "proposed fix"
            out.append(f"    Fix ({kind}):")
            out.extend("      | " + line for line in redact(f.replacement).splitlines() or [""])
        out.append(f"    {rf.why_rank}; fingerprint {f.fingerprint}")
        out.append("")
    n = len(review.findings)
    if whole_tree:
        out.append(
            f"{n} finding(s) in the scanned files; {len(review.inline)} ranked inline, "
            f"{n - len(review.inline)} summary only."
        )
    else:
        out.append(
            f"{n} finding(s) in added lines; {len(review.inline)} inline, "
            f"{n - len(review.inline)} summary only."
        )
    if review.outside_change:
        out.append(
            f"{len(review.outside_change)} finding(s) on lines the change does not add (not reported)."
        )
    cov = review.coverage
    out.append(
        f"Coverage: {len(cov.analysed)} analysed, {len(cov.partial)} partially analysed, "
        f"{len(cov.skipped)} skipped."
    )
    for fc in cov.files:
        if fc.state is not FileState.ANALYSED:
            out.append(f"  {fc.path}: {fc.describe()}")
    for note in review.notes:
        out.append(f"Note: {redact(note)}")
    for failure in review.failures:
        out.append(f"NOT COMPLETED: {redact(failure)}")
    if not review.complete:
        out.append("This review is PARTIAL.")
    return printable_lines("\n".join(out) + "\n")


def markdown_report(review: Review) -> str:
    """Exactly what would be posted: each inline comment with its anchor, then the summary."""
    out = []
    for rf in review.inline:
        a = rf.anchor
        if a is None:  # inline findings always have an anchor; keep the renderer total
            continue
        where = f"{a.path}:{a.start_line}-{a.line}" if a.start_line else f"{a.path}:{a.line}"
        out.append(f"#### Comment on {md_code(where)}\n\n{comment_body(rf)}\n\n---\n")
    out.append(summary_body(review))
    return "\n".join(out) + "\n"
