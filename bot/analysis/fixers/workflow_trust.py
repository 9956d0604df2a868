"""GitHub Actions fixers for untrusted pull-request code and for event text in ``actions/github-script``.

- Untrusted checkout: a workflow triggered only by ``pull_request_target`` that checks out and runs the
  pull request's code gets the ``pull_request`` trigger instead, when it has a single job: the code
  then runs with a read-only token and without the repository's secrets, as for any fork. A workflow
  with other triggers or several jobs (one may need the target's rights, a labeler) stays advice;
- github-script: a ``script:`` line whose string literal is exactly one ``${{ github.event... }}``
  expression (`` `${{ github.event.comment.body }}` ``) reads it from the step's ``env:`` instead
  (``process.env.COMMENT_BODY``), so the text is data, never JavaScript. The ``env:`` key is added
  right above the step's ``with:``, when the step has no ``env:`` yet.
Line-based: indentation and a linear scan, no regular expressions on the file's text. Pure.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, indent_of, to_finding
from bot.core.models import Finding, SourceFile

TRIGGER_STEP = (
    "The pull request's code now runs as for any fork: a read-only token and no repository secrets. If "
    "the job needs a secret, run it from a separate `workflow_run` workflow after a maintainer's approval."
)
SCRIPT_STEP = "The event text reaches the script as an environment variable: data, never code."


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "github-actions" or finding.replacement is not None:
        return None
    lines = sf.lines
    if len(lines) > 2000:
        return None
    if finding.category == "workflow-untrusted-checkout":
        return _trigger(finding, sf, lines)
    if finding.category in {"workflow-injection", "code-injection"}:
        return _script(finding, sf, lines)
    return None


def _top(lines: list[str], key: str) -> int | None:
    hits = [i for i, row in enumerate(lines) if row.startswith((f"{key}:", f'"{key}":', f"'{key}':"))]
    return hits[0] if len(hits) == 1 else None


def _children(lines: list[str], at: int) -> list[int]:
    """Indexes of the lines directly under the top-level key at ``at`` (one indentation deeper)."""
    out, width = [], None
    for i in range(at + 1, len(lines)):
        row = lines[i]
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        if not row[0].isspace():
            break
        depth = len(indent_of(row))
        width = width or depth
        if depth == width:
            out.append(i)
    return out


def _trigger(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    on, jobs = _top(lines, "on"), _top(lines, "jobs")
    if on is None or jobs is None or len(_children(lines, jobs)) != 1:
        return None
    value = lines[on].split(":", 1)[1].strip()
    if value in ("[pull_request_target]", "pull_request_target"):
        row, col = on, lines[on].index("pull_request_target")
    elif not value:
        triggers = _children(lines, on)
        names = [lines[i].strip().split(":", 1)[0] for i in triggers]
        if names != ["pull_request_target"]:
            return None
        row, col = triggers[0], lines[triggers[0]].index("pull_request_target")
    else:
        return None
    edits = [
        Edit(row + 1, col, col + len("pull_request_target"), "pull_request"),
        Edit(finding.end_line, 0, 0, ""),
    ]
    return to_finding(finding, sf, edits, (TRIGGER_STEP,))


def _env_name(expression: str) -> str | None:
    parts = expression.split(".")
    if len(parts) < 3 or parts[:2] != ["github", "event"] or not all(p.isidentifier() for p in parts[2:]):
        return None
    return "_".join(p.upper() for p in parts[-2:])


def _script(finding: Finding, sf: SourceFile, lines: list[str]) -> Finding | None:
    n = finding.start_line
    if not 1 <= n <= finding.end_line <= len(lines):
        return None
    if lines[n - 1].strip() in ("script: |", "script: |-"):  # the finding names the script's key
        depth = len(indent_of(lines[n - 1]))
        body = []
        for i in range(n, len(lines)):
            if lines[i].strip() and len(indent_of(lines[i])) <= depth:
                break
            body.append(i + 1)
        with_expr = [i for i in body if "${{" in lines[i - 1]]
        if len(with_expr) != 1:
            return None
        n = with_expr[0]
    elif finding.end_line != n:
        return None
    row = lines[n - 1]
    found = None
    for quote in "`'\"":
        start = row.find(quote + "${{")
        end = row.find("}}" + quote, start + 1) if start >= 0 else -1
        if start >= 0 and end > start and row.count("${{") == 1:
            found = (start, end + 3, row[start + 4 : end].strip())
    if found is None:
        return None
    start, stop, expression = found
    name = _env_name(expression)
    with_at = _owning_with(lines, n - 1) if name else None
    if name is None or with_at is None:
        return None
    key_indent = indent_of(lines[with_at])
    step_rows = _step_rows(lines, with_at, len(key_indent))
    if any(lines[i].strip().startswith("env:") for i in step_rows):
        return None
    env = f"{key_indent}env:\n{key_indent}  {name}: ${{{{ {expression} }}}}\n"
    edits = [
        Edit(with_at + 1, 0, 0, env),
        Edit(n, start, stop, f"process.env.{name}"),
        Edit(finding.start_line, 0, 0, ""),
        Edit(finding.end_line, 0, 0, ""),
    ]
    return to_finding(finding, sf, edits, (SCRIPT_STEP,))


def _owning_with(lines: list[str], at: int) -> int | None:
    """The ``with:`` line of an ``actions/github-script`` step whose ``script: |`` holds line ``at``."""
    depth = len(indent_of(lines[at]))
    script = None
    for i in range(at - 1, -1, -1):
        row = lines[i]
        if not row.strip():
            continue
        d = len(indent_of(row))
        if script is None and d < depth:
            if row.strip() not in ("script: |", "script: |-"):
                return None
            script = i
            depth = d
        elif script is not None and d < depth:
            if row.strip() != "with:":
                return None
            uses = [lines[j] for j in range(max(0, i - 3), i) if "uses:" in lines[j]]
            return i if uses and "actions/github-script@" in uses[-1] else None
    return None


def _step_rows(lines: list[str], with_at: int, key_depth: int) -> list[int]:
    """The lines of the step that owns ``with_at`` (its keys sit at ``key_depth``)."""
    first = with_at
    while (
        first > 0
        and len(indent_of(lines[first - 1])) >= key_depth
        and not lines[first].lstrip().startswith("- ")
    ):
        first -= 1
    last = with_at
    while (
        last + 1 < len(lines)
        and (not lines[last + 1].strip() or len(indent_of(lines[last + 1])) >= key_depth)
        and not lines[last + 1].lstrip().startswith("- ")
    ):
        last += 1
    return list(range(first, last + 1))
