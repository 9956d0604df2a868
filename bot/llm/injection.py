"""Deterministic detection of text that tries to instruct an automated reviewer.

Standard library only, runs with or without a model. File contents are covered by the semgrep rule
pack (``rules/prompt-injection.yml``, same patterns); this module covers what semgrep never sees:
the pull request's title and description, commit messages and file names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.core.models import Confidence, FileChange, FileStatus, Finding, Provenance, Severity
from bot.core.redact import redact

RULE_ENGINE = "remediator"
_FLAGS = re.IGNORECASE
MAX_TEXT_CHARS = 200_000
# The patterns are written for text whose whitespace runs are folded to one space (``_fold``), so no
# pattern has an unbounded repeat next to another over the same characters: each runs in linear time.

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ignore-instructions",
        re.compile(
            r"\b(?:ignore|disregard|forget|override|bypass) (?:all |any )?(?:of )?(?:the |your )?"
            r"(?:previous|prior|above|earlier|preceding|system|original) "
            r"(?:instructions?|prompts?|rules|directions|guidelines|directives)",
            _FLAGS,
        ),
    ),
    (
        "suppress-findings",
        re.compile(
            r"\b(?:report|return|output|say|answer|respond with|reply with) (?:that (?:there are )?)?"
            r"(?:no|zero|0|an empty list of) (?:security )?"
            r"(?:issues|findings|vulnerabilit(?:y|ies)|problems|flaws|bugs)",
            _FLAGS,
        ),
    ),
    (
        "role-override",
        re.compile(
            r"\byou are now (?:a|an|the|in) [\w\s-]{0,30}?"
            r"(?:assistant|ai|model|bot|reviewer|mode|gpt|llm|dan)\b",
            _FLAGS,
        ),
    ),
    (
        "reviewer-directive",
        re.compile(
            r"\b(?:ai|llm|gpt|language model|automated|security|code) (?:code )?"
            r"(?:reviewers?|scanners?|assistants?|bots?|auditors?) ?[:,\-]? ?(?:please )?"
            r"(?:ignore|skip|approve|do not|don't|must not|should not|mark|treat|consider)\b",
            _FLAGS,
        ),
    ),
    (
        "do-not-report",
        re.compile(
            r"\b(?:do not|don't|never) (?:report|flag|mention|comment on) (?:this|these|any|the)\b"
            r"[^\n]{0,40}?(?:vulnerabilit|finding|security issue|secret)",
            _FLAGS,
        ),
    ),
    (
        "fake-system-message",
        re.compile(
            r"(?:<\|? ?(?:system|im_start) ?\|?>|\[\[? ?(?:SYSTEM|INST) ?\]\]?|"
            r"\bnew (?:system )?instructions ?:|\bsystem override ?:)",
            _FLAGS,
        ),
    ),
    (
        "mark-as-safe",
        re.compile(
            r"\b(?:mark|label|classify) (?:this|the) (?:pr|pull request|merge request|change|code|"
            r"file|diff) as (?:safe|secure|approved|clean|benign)",
            _FLAGS,
        ),
    ),
)

TITLE = "Text addressed to an automated reviewer"
EXPLANATION = (
    "The change contains text written to steer an automated (AI) reviewer, such as telling it to ignore "
    "its instructions or to report nothing. Remediator treats it as data and reports it: whoever wrote "
    "it may be trying to hide a flaw elsewhere in the change."
)
REMEDIATION = (
    "Remove the text, or rephrase it so it does not address a reviewer.",
    "Review the rest of the change by hand: an attempt to silence the reviewer is a reason to look closer.",
)


def match(text: str) -> tuple[str, str] | None:
    """(pattern name, matched text) of the first injection attempt in ``text``, if any."""
    folded = _fold(text)
    for name, pattern in PATTERNS:
        m = pattern.search(folded)
        if m:
            return name, m.group(0)
    return None


def _fold(text: str) -> str:
    """``text`` (capped at ``MAX_TEXT_CHARS``) with every whitespace run folded to one space."""
    return " ".join(text[:MAX_TEXT_CHARS].split())


def _name_text(path: str) -> str:
    return re.sub(r"[-_./\\]+", " ", path)


def scan_file_names(files: Iterable[FileChange]) -> tuple[list[Finding], list[str]]:
    """Findings for file names that address a reviewer (on line 1 of an added file), else notes."""
    findings: list[Finding] = []
    notes: list[str] = []
    for change in files:
        if change.status is FileStatus.DELETED:
            continue
        hit = match(_name_text(change.path))
        if hit is None:
            continue
        if 1 in change.added_lines:
            findings.append(_finding(change.path, 1, f"The file name `{change.path}`", hit[0]))
        else:
            notes.append(
                f"Prompt injection: the file name `{redact(change.path)}` addresses an automated "
                "reviewer; it was treated as data."
            )
    return findings, notes


def scan_context(title: str, body: str, commit_messages: Sequence[str]) -> list[str]:
    """Review notes for injection attempts in the pull request's title, description or commits."""
    notes: list[str] = []
    for label, text in (("title", title), ("description", body)):
        hit = match(text or "")
        if hit:
            notes.append(_note(f"The pull request {label}", hit[1]))
    for i, message in enumerate(commit_messages, 1):
        hit = match(message or "")
        if hit:
            notes.append(_note(f"Commit message {i}", hit[1]))
    return notes


def _note(where: str, quoted: str) -> str:
    shown = redact(" ".join(quoted.split()))[:80].replace("`", "'")
    return (
        f'Prompt injection ({TITLE.lower()}, CWE-1427): {where} contains "{shown}". It was treated as '
        "data, not as an instruction; review the change with that in mind."
    )


def _finding(path: str, line: int, what: str, kind: str) -> Finding:
    return Finding(
        rule_id=f"pi-{kind}-file-name",
        engine=RULE_ENGINE,
        category="prompt-injection",
        cwe="CWE-1427",
        title=TITLE,
        severity=Severity.MEDIUM,
        confidence=Confidence.HIGH,
        path=path,
        start_line=line,
        end_line=line,
        message=f"{what} addresses an automated reviewer; it is treated as data, not as an instruction.",
        explanation=EXPLANATION,
        remediation=REMEDIATION,
        provenance=Provenance(engine=RULE_ENGINE),
    )
