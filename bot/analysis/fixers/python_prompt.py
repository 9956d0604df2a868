"""Text addressed to an AI reviewer (prompt-injection) removed from Python comments and docstrings
(issue 12). The flaw is the text itself, an instruction to the reviewer planted in the code; the fix is
to delete it. Offered only when the flagged line is a whole ``#`` comment line, or an inner line of a
docstring (not its first or last line, so the docstring stays a string), and the line speaks to a
reviewer, a scanner or a model (the words below); a string the program uses, a file name, or a line
that also holds code stays advice, since deleting it would change what the program does.

A suggestion cannot delete a line on its own (an empty suggestion leaves an empty line), so the
neighbouring added line is carried along. Pure: source text in, text out.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from bot.core.models import Finding, SourceFile

_MAX_LINE = 2_000
_ADDRESSED = re.compile(
    r"(?i)\b(?:instructions?|system\s+prompt|reviewer|scanner|assistant|approve|developer\s+mode|"
    r"you\s+are\s+now|report\s+(?:no|zero)|security\s+issues|im_start|im_end)\b"
)
STEP = (
    "This text addresses the reviewer, not the people who maintain the code: delete it. If it was "
    "planted by someone else, check what else their change did."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.category != "prompt-injection" or finding.replacement is not None:
        return None
    if finding.start_line != finding.end_line:
        return None
    line_no = finding.start_line
    lines = sf.text.splitlines()
    if not 1 <= line_no <= len(lines):
        return None
    line = lines[line_no - 1]
    if len(line) > _MAX_LINE or not _ADDRESSED.search(line):
        return None
    if not (_comment_only(sf.text, line_no) or _inside_docstring(sf.text, line_no)):
        return None
    added = sf.change.added_lines
    if line_no + 1 <= len(lines) and line_no + 1 in added and line_no in added:
        return finding.with_(
            start_line=line_no,
            end_line=line_no + 1,
            replacement=lines[line_no],
            remediation=(*finding.remediation, STEP),
        )
    if line_no - 1 >= 1 and line_no - 1 in added and line_no in added:
        return finding.with_(
            start_line=line_no - 1,
            end_line=line_no,
            replacement=lines[line_no - 2],
            remediation=(*finding.remediation, STEP),
        )
    return None


def _comment_only(text: str, line_no: int) -> bool:
    """Whether the line holds one ``#`` comment token and nothing else."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return False
    ignored = {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER}
    on_line = [t for t in tokens if t.start[0] <= line_no <= t.end[0] and t.type not in ignored]
    return len(on_line) == 1 and on_line[0].type == tokenize.COMMENT


def _inside_docstring(text: str, line_no: int) -> bool:
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        first = body[0] if body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
            and first.lineno < line_no < (first.end_lineno or 0)
        ):
            return True
    return False
