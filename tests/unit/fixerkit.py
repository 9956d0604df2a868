"""Shared helpers of the fixer tests: a file the change adds whole, a finding on a line, the fixed text,
and the real verifier (rule pack, bandit, flow engine) run over a batch of fixes at once."""

from __future__ import annotations

from pathlib import Path

from bot.analysis import fixers
from bot.analysis.verify import Verdict, apply_fix, check_fixes, syntax_errors
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile


def new_file(text: str, path: str) -> SourceFile:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return SourceFile(parse_diff(diff).file(path), text, detect_language(path), False)


def finding_at(sf: SourceFile, needle: str, category: str, *, end_needle: str | None = None) -> Finding:
    line = next(n for n, text in enumerate(sf.lines, 1) if needle in text)
    end = line
    if end_needle:
        end = next(n for n, text in enumerate(sf.lines, 1) if n >= line and end_needle in text)
    return Finding(
        rule_id=f"test-{category}",
        engine="semgrep",
        category=category,
        cwe="CWE-0",
        title=category,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=sf.path,
        start_line=line,
        end_line=end,
        message="m",
    )


def fixed_text(sf: SourceFile, finding: Finding) -> str | None:
    """The file after the registry's fix (None when no fixer answers); it always parses."""
    out = fixers.propose(finding, {sf.path: sf})
    if out.replacement is None:
        return None
    patched = apply_fix(sf.text, out)
    assert patched is not None
    assert syntax_errors(patched, sf.language, sf.path) in {0, None}
    return patched


def verify_all(pairs: list[tuple[SourceFile, Finding]], workdir: Path) -> list[Verdict]:
    """The registry's fix for each pair, verified in one batch."""
    proposed = [fixers.propose(f, {sf.path: sf}) for sf, f in pairs]
    files = {sf.path: sf for sf, _ in pairs}
    return check_fixes(proposed, files, workdir, timeout=300)
