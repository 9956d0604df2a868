"""GitHub Actions: event data expanded into a ``run:`` script -> the step's ``env:`` plus a quoted
shell variable.

For the ``run:`` script holding the flagged line, every ``${{ ... }}`` expression that reads event
text written outside the repository (titles, bodies, messages, branch and author names:
``github.event.issue.title``, ``github.head_ref``...; not numbers or SHAs) moves into the step's
``env:`` (added before ``run:``, or after the run value on a ``- run:`` line, or appended to an
existing block ``env:``), and the script refers
to it as a shell variable quoted for where it stood: ``"${VAR}"`` outside quotes, ``${VAR}`` inside
double quotes, ``'"${VAR}"'`` inside single quotes (a single-quoted string that was only the expression
becomes ``"${VAR}"``). The script keeps its text otherwise. Only plain or ``|`` block scripts of a bash
or sh step are rewritten: YAML-quoted or folded scripts, heredocs, another ``shell:`` and flow-style
``env: {...}`` stay advice. Line-based: indentation and a linear scan of the script, no regular
expressions on the untrusted text.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.analysis.fixers.edits import Edit, to_finding
from bot.core.models import Finding, SourceFile

_OPEN, _CLOSE = "${{", "}}"
_SHORT = {"pull_request": "PR", "head_commit": "COMMIT", "review_comment": "COMMENT"}
_SHELLS = {"bash", "sh"}


@dataclass(frozen=True, slots=True)
class _Step:
    run_line: int  # 0-based index of the line with the run key
    key_col: int  # column of the step's keys
    on_dash: bool  # the run key is on the step's "- " line
    script: list[tuple[int, int]]  # (line index, start column) of each script line's text
    env_line: int | None  # 0-based line of a block `env:` key of this step, or of its last entry
    env_names: frozenset[str]
    env_child_col: int


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_at(line: str, col: int) -> str | None:
    """The mapping key at column ``col`` of ``line`` (after an optional ``- ``), or None."""
    body = line[col:]
    if _indent(line) != col or not body or body.startswith(("#", "- ")):
        return None
    name, colon, _ = body.partition(":")
    if not colon or not name or any(not (c.isalnum() or c in "-_") for c in name):
        return None
    return name


_TEXT_FIELDS = {
    "title", "body", "ref", "label", "message", "name", "email", "default_branch", "description",
    "homepage", "page_name", "head_branch", "display_title",
}  # fmt: skip
"""Event fields whose value is text someone outside the repository writes (numbers and SHAs are not)."""


def _untrusted(expr: str) -> bool:
    """Whether the expression reads attacker-written event text (what the rule pack flags)."""
    refs, word = [], []
    for ch in expr + " ":
        if ch.isalnum() or ch in "._*":
            word.append(ch)
        elif word:
            refs.append("".join(word))
            word = []
    for ref in refs:
        if ref in {"github.head_ref"} or (ref in {"github.event"} and "toJSON" in expr):
            return True
        if ref.startswith("github.event.") and ref.rsplit(".", 1)[-1] in _TEXT_FIELDS:
            return True
    return False


def _var_name(expr: str, taken: set[str]) -> str:
    path = expr.strip()
    for prefix in ("github.event.", "github."):
        if path.startswith(prefix):
            path = path[len(prefix) :]
            break
    parts = path.split(".")
    plain = all(p and all(c.isalnum() or c == "_" for c in p) for p in parts)
    base = "_".join(_SHORT.get(p, p) for p in parts[-2:]).upper() if plain else "EVENT_VALUE"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}_{n}"
    taken.add(name)
    return name


def _run_key(row: str) -> tuple[int, bool] | None:
    """(column of the key, on a "- " line) when ``row`` holds a ``run:`` key."""
    on_dash = row.lstrip(" ").startswith("- ")
    col = _indent(row) + (2 if on_dash else 0)
    plain = row.replace("- ", "  ", 1) if on_dash else row
    return (col, on_dash) if _key_at(plain, col) == "run" else None


def _find_step(lines: list[str], line: int) -> _Step | None:
    """The step whose run script holds 0-based ``line``."""
    i = line
    while i >= 0 and _run_key(lines[i]) is None:
        i -= 1
    if i < 0:
        return None
    key_col, on_dash = _run_key(lines[i])  # type: ignore[misc]
    row = lines[i]
    value = row[key_col + len("run:") :]
    if value.strip() in {"|", "|-", "|+"}:
        script: list[tuple[int, int]] = []
        j, child = i + 1, None
        while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > key_col):
            if lines[j].strip():
                child = _indent(lines[j]) if child is None else child
                if _indent(lines[j]) < child:
                    return None
                script.append((j, child))
            j += 1
        if not i < line < j:
            return None
    elif value.strip() and value.strip()[0] not in "|>\"'&*!{[" and line == i:
        script = [(i, key_col + len("run:") + len(value) - len(value.lstrip(" ")))]
    else:
        return None
    return _step_keys(lines, i, key_col, on_dash, script)


def _step_keys(
    lines: list[str], run_line: int, key_col: int, on_dash: bool, script: list[tuple[int, int]]
) -> _Step | None:
    """The step's other keys: refuse another shell or a flow-style env; find a block env."""
    first = run_line
    while not lines[first].lstrip(" ").startswith("- ") or _indent(lines[first]) + 2 != key_col:
        first -= 1
        if first < 0 or (lines[first].strip() and _indent(lines[first]) < key_col - 2):
            return None
    last = run_line + 1
    while last < len(lines) and (not lines[last].strip() or _indent(lines[last]) >= key_col):
        last += 1
    env_line, names, child_col = None, set(), key_col + 2
    for k in range(first, last):
        row = lines[k].replace("- ", "  ", 1) if k == first else lines[k]
        key = _key_at(row, key_col)
        rest = row[key_col + len(key or "") + 1 :].strip() if key else ""
        if key == "shell" and rest not in _SHELLS:
            return None
        if key == "env":
            if rest and not rest.startswith("#"):
                return None  # env: {...} or an alias
            env_line = k
            m = k + 1
            while m < last and (not lines[m].strip() or _indent(lines[m]) > key_col):
                if lines[m].strip():
                    child_col = _indent(lines[m]) if env_line == k else child_col
                    if _indent(lines[m]) == child_col:
                        names.add(lines[m].strip().partition(":")[0])
                    env_line = m  # new entries go after the last line of the block
                m += 1
    return _Step(run_line, key_col, on_dash, script, env_line, frozenset(names), child_col)


def _quote_states(text: str) -> list[str] | None:
    """The shell quoting state before each character of ``text``: "" (none), "'" or '"'; "#" in a
    comment. ``${{ }}`` expressions are opaque (replaced before the shell runs). None when the script
    uses a heredoc (its quoting rules differ) or leaves an expression open."""
    states: list[str] = []
    state, i, escaped = "", 0, False
    while i < len(text):
        ch = text[i]
        if text.startswith(_OPEN, i) and not escaped:
            close = text.find(_CLOSE, i)
            if close < 0:
                return None
            states.extend([state] * (close + len(_CLOSE) - i))
            i = close + len(_CLOSE)
            continue
        states.append(state)
        i += 1
        if escaped:
            escaped = False
        elif state == "#":
            state = "" if ch == "\n" else "#"
        elif state == "'":
            state = "" if ch == "'" else "'"
        elif ch == "\\":
            escaped = True
        elif state == '"':
            state = "" if ch == '"' else '"'
        elif ch in "'\"":
            state = ch
        elif ch == "#" and (i == 1 or text[i - 2] in " \t\n"):
            state = "#"
        elif ch == "<" and text[i : i + 1] == "<":
            return None
    states.append(state)
    return states


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "github-actions" or finding.category != "workflow-injection" or finding.replacement:
        return None
    if any(
        line.strip().startswith("shell:") and line.split(":", 1)[1].strip() not in _SHELLS
        for line in sf.lines
    ):
        return None  # a default or step shell we do not quote for
    lines = sf.text.splitlines()
    step = None
    for n in finding.lines:
        if 1 <= n <= len(lines) and _OPEN in lines[n - 1]:
            step = _find_step(lines, n - 1)
            break
    if step is None:
        return None
    # the script as the shell sees it, with each character's (line, column)
    chars: list[tuple[int, int]] = []
    text_parts: list[str] = []
    for idx, col in step.script:
        row = lines[idx]
        for c in range(col, len(row)):
            chars.append((idx, c))
            text_parts.append(row[c])
        chars.append((idx, len(row)))
        text_parts.append("\n")
    script = "".join(text_parts)
    states = _quote_states(script)
    if states is None:
        return None
    taken = set(step.env_names)
    env: dict[str, str] = {}
    edits: list[Edit] = []
    pos = script.find(_OPEN)
    while pos >= 0:
        end = script.find(_CLOSE, pos + len(_OPEN))
        if end < 0 or "\n" in script[pos:end]:
            return None
        expr = script[pos + len(_OPEN) : end].strip()
        stop = end + len(_CLOSE)
        if _untrusted(expr):
            var = next((v for v, e in env.items() if e == expr), None) or _var_name(expr, taken)
            env[var] = expr
            state = states[pos]
            start_at, stop_at = pos, stop
            if (
                state == "'"
                and script[pos - 1 : pos] == "'"
                and script[stop : stop + 1] == "'"
                and states[pos - 1] == ""
            ):
                start_at, stop_at, state = pos - 1, stop + 1, ""  # '${{ x }}' alone: "${VAR}"
            new = {"": f'"${{{var}}}"', '"': f"${{{var}}}", "'": f"'\"${{{var}}}\"'", "#": f"${{{var}}}"}[
                state
            ]
            (line_a, col_a), (_, col_b) = chars[start_at], chars[stop_at - 1]
            edits.append(Edit(line_a + 1, col_a, col_b + 1, new))
        pos = script.find(_OPEN, stop)
    if not env:
        return None
    edits.append(_env_edit(lines, step, env))
    return to_finding(finding, sf, edits)


def _env_edit(lines: list[str], step: _Step, env: dict[str, str]) -> Edit:
    if step.env_line is not None:
        row = lines[step.env_line]
        pad = " " * step.env_child_col
        return Edit(
            step.env_line + 1,
            len(row),
            len(row),
            "".join(f"\n{pad}{k}: ${{{{ {v} }}}}" for k, v in env.items()),
        )
    pad, child = " " * step.key_col, " " * (step.key_col + 2)
    block = f"{pad}env:" + "".join(f"\n{child}{k}: ${{{{ {v} }}}}" for k, v in env.items())
    if step.on_dash:
        last = (
            step.script[-1][0]
            if len(step.script) > 1 or step.script[0][0] != step.run_line
            else step.run_line
        )
        row = lines[last]
        return Edit(last + 1, len(row), len(row), "\n" + block)
    return Edit(step.run_line + 1, 0, 0, block + "\n")
