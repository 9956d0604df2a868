"""C fixers for format strings and unbounded string writes, one statement line at a time.

- format string: ``printf(v)``, ``fprintf(f, v)``, ``syslog(p, v)`` (also ``dprintf``) whose format is a
  variable -> the same call with ``"%s"`` as the format and the variable as its argument: the text is
  printed, never read as directives (``%n`` writes memory);
- unbounded writes into a local array ``char buf[N]`` declared in the same function: ``sprintf(buf,
  ...)`` -> ``snprintf(buf, sizeof buf, ...)`` and ``strcpy(buf, src)`` -> ``snprintf(buf, sizeof buf,
  "%s", src)``; the text is cut at the array's size instead of overflowing it. ``<stdio.h>`` is added
  when missing and the include block is close above and added by the change, else named in the steps.
Line-based: a statement alone on its line, split on its top-level commas (no regular expression).
Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, import_edit, to_finding
from bot.core.models import Finding, SourceFile

FORMAT_AT = {"printf": 0, "fprintf": 1, "dprintf": 1, "syslog": 1}
FORMAT_STEP = "The text is now printed as data: a `%` in it is no longer a directive."
BOUND_STEP = (
    "The write is now bounded by the array's size (the text is cut there); check the result if a cut matters."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language not in {"c", "cpp"} or finding.replacement is not None:
        return None
    if finding.category not in {"format-string", "buffer-overflow"} or finding.start_line != finding.end_line:
        return None
    n = finding.start_line
    lines = sf.lines
    if not 1 <= n <= len(lines) or len(lines[n - 1]) > 500:
        return None
    row = lines[n - 1]
    call = _call(row)
    if call is None:
        return None
    name, args, start, end = call
    if finding.category == "format-string":
        return _format(finding, sf, name, args, (start, end))
    return _bounded(finding, sf, name, args, (start, end))


def _format(
    finding: Finding, sf: SourceFile, name: str, args: list[str], span: tuple[int, int]
) -> Finding | None:
    at = FORMAT_AT.get(name)
    if at is None or len(args) != at + 1 or not args[at].isidentifier():
        return None
    new_args = [*args[:at], '"%s"', args[at]]
    edit = Edit(finding.start_line, span[0], span[1], f"{name}({', '.join(new_args)})")
    return to_finding(finding, sf, [edit], (FORMAT_STEP,))


def _bounded(
    finding: Finding, sf: SourceFile, name: str, args: list[str], span: tuple[int, int]
) -> Finding | None:
    n, lines = finding.start_line, sf.lines
    if name not in {"sprintf", "strcpy"} or not args or not _local_array(lines, n, args[0]):
        return None
    if name == "sprintf" and len(args) >= 2:
        new = f"snprintf({args[0]}, sizeof {args[0]}, {', '.join(args[1:])})"
    elif name == "strcpy" and len(args) == 2:
        new = f'snprintf({args[0]}, sizeof {args[0]}, "%s", {args[1]})'
    else:
        return None
    edits = [Edit(n, span[0], span[1], new)]
    steps = [BOUND_STEP]
    if not any(r.strip().replace(" ", "") == "#include<stdio.h>" for r in lines):
        includes = [i for i, r in enumerate(lines, 1) if r.startswith("#include")]
        add = (
            import_edit(sf, includes[-1], "#include <stdio.h>", n) if includes and includes[-1] < n else None
        )
        if add is None:
            steps.append("Add `#include <stdio.h>` (snprintf is declared there).")
        else:
            edits.append(add)
    return to_finding(finding, sf, edits, steps)


def _call(row: str) -> tuple[str, list[str], int, int] | None:
    """(name, top-level arguments, start, end) of the one call that is the whole statement on the line
    (``f(a, b);`` or ``(void) f(a, b);``)."""
    body = row.strip()
    lead = len(row) - len(row.lstrip())
    if body.startswith("(void)"):
        cut = len(body) - len(body[len("(void)") :].lstrip())
        body, lead = body[cut:], lead + cut
    paren = body.find("(")
    name = body[:paren]
    if paren <= 0 or not name.isidentifier() or not body.endswith(");"):
        return None
    inner = body[paren + 1 : -2]
    args, depth, current, quote = [], 0, "", ""
    for i, ch in enumerate(inner):
        if quote:
            current += ch
            if ch == quote and inner[i - 1] != "\\":
                quote = ""
            continue
        if ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "," and depth == 0:
            args.append(current.strip())
            current = ""
            continue
        current += ch
    if quote or depth:
        return None
    args.append(current.strip())
    return name, [a for a in args if a] if inner.strip() else [], lead, lead + len(body) - 1


def _local_array(lines: list[str], n: int, name: str) -> bool:
    """Whether ``char name[...];`` is declared between the enclosing function's opening and line ``n``."""
    if not name.isidentifier():
        return False
    for i in range(n - 2, -1, -1):
        row = lines[i].strip()
        if row.startswith(f"char {name}[") and row.endswith("];") and "," not in row:
            return True
        if row == "{" or (lines[i] and not lines[i][0].isspace() and row.endswith("{")):
            return False
    return False
