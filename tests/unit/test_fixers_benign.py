"""Fixers never touch safe code: every benign case of the corpus, every line of it, offered to every
fixer as if a finding of each class the fixers handle pointed there, comes back without a fix.

A fixer that would "fix" a parameterised query, an escaped value, a contained path or a checked
redirect changes behaviour beyond any flaw; this is the test the issue asks for (issue 12).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import fixers
from bot.cli.evaluate import case_diff, load_cases
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CLASSES = (
    "sql-injection",
    "command-injection",
    "workflow-injection",
    "path-traversal",
    "open-redirect",
    "xss",
    "insecure-randomness",
    "weak-crypto",
    "weak-password-hash",
    "insecure-cookie",
    "container-privilege",
    "infrastructure-exposure",
    "hardcoded-secret",
    "deserialization",
    "tls-verification",
    "xxe",
    "permissive-cors",
    "code-injection",
    "ldap-injection",
    "xpath-injection",
    "nosql-injection",
    "jwt-verification",
    "insecure-temp-file",
    "prompt-injection",
    "missing-authorization",
    "redos",
    "integer-overflow",
    "crlf-injection",
)


def _benign_files() -> list[tuple[str, SourceFile]]:
    """Each benign case's changed files as the review sees them: a case with a ``before/`` changes only
    some lines, and a fixer may only ever rewrite lines the change adds."""
    out = []
    for case in load_cases(CORPUS):
        if case.vulnerable:
            continue
        diff, heads = case_diff(case)
        changes = parse_diff(diff)
        for path in sorted(heads):
            change = changes.file(path)
            text = heads[path].decode("utf-8", errors="replace")
            if change is None or not text.strip():
                continue
            lines = text.splitlines()
            language = detect_language(path, lines[0] if lines else None)
            if language is not None:
                out.append((path, SourceFile(change, text, language, False)))
    return out


BENIGN = _benign_files()


def test_the_corpus_has_benign_cases_in_every_language_the_fixers_handle():
    languages = {sf.language for _, sf in BENIGN}
    assert {"python", "javascript", "typescript", "go", "dockerfile", "yaml", "terraform"} <= languages
    assert len(BENIGN) >= 100


@pytest.mark.parametrize(("name", "sf"), BENIGN, ids=[name for name, _ in BENIGN])
def test_no_fixer_changes_a_benign_case(name, sf):
    changed = []
    for line in range(1, len(sf.lines) + 1):
        for category in CLASSES:
            finding = Finding(
                rule_id="probe",
                engine="semgrep",
                category=category,
                cwe="CWE-0",
                title="probe",
                severity=Severity.HIGH,
                confidence=Confidence.HIGH,
                path=sf.path,
                start_line=line,
                end_line=line,
                message="probe",
            )
            out = fixers.propose(finding, {sf.path: sf})
            if out.replacement is not None:
                changed.append(f"{category} at line {line}: {out.replacement!r}")
    assert changed == [], f"{name}: " + "; ".join(changed)
