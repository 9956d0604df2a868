"""Text addressed to an AI reviewer (prompt-injection) removed from comments in languages other than
Python (``python_prompt`` does Python): a whole ``//`` comment line in JavaScript, TypeScript, Java or Go
(confirmed a comment by the tree-sitter tree), a whole ``#`` comment line in shell, YAML (outside a block
scalar) or a Dockerfile, a whole-line ``<!-- ... -->`` in Markdown. A string the program uses, a file name,
or a line that also holds code stays advice: deleting it would change what the program does.

A suggestion cannot delete a line on its own (an empty suggestion leaves an empty line), so the
neighbouring added lines are carried along, up to one that holds text (an empty block may be read as
a deletion). Pure: source text in, text out.
"""

from __future__ import annotations

import re

from bot.analysis.fixers.python_prompt import _ADDRESSED, _MAX_LINE, STEP
from bot.analysis.fixers.tsutil import parse, walk
from bot.core.models import Finding, SourceFile

# a few more ways of addressing the reviewer than python_prompt's list (plural, "do not report ...")
_ALSO = re.compile(
    r"(?i)\b(?:reviewers|scanners|models?|llm|ai|(?:do\s+not|don't)\s+(?:report|flag)|skip\s+this)\b"
)
SLASH = {"javascript", "typescript", "java", "go"}
HASH = {"shell", "yaml", "dockerfile"}


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "prompt-injection" or finding.replacement is not None:
        return None
    if finding.start_line != finding.end_line or sf.language not in SLASH | HASH | {"markdown"}:
        return None
    n = finding.start_line
    lines = sf.text.splitlines()
    if not 1 <= n <= len(lines) or n not in sf.change.added_lines:
        return None
    line = lines[n - 1]
    if (
        len(line) > _MAX_LINE
        or not (_ADDRESSED.search(line) or _ALSO.search(line))
        or not _whole_comment(sf, lines, n)
    ):
        return None
    # carry the added lines below (or above) down (up) to one with text: a host may read an empty
    # suggestion block as deleting the lines, not as one blank line
    added = sf.change.added_lines
    below = next((k for k in range(n + 1, min(len(lines), n + 3) + 1) if lines[k - 1].strip()), None)
    if below is not None and all(k in added for k in range(n, below + 1)):
        return finding.with_(
            end_line=below, replacement="\n".join(lines[n:below]), remediation=(*finding.remediation, STEP)
        )
    above = next((k for k in range(n - 1, max(0, n - 3), -1) if lines[k - 1].strip()), None)
    if above is not None and all(k in added for k in range(above, n + 1)):
        return finding.with_(
            start_line=above,
            replacement="\n".join(lines[above - 1 : n - 1]),
            remediation=(*finding.remediation, STEP),
        )
    return None


def _whole_comment(sf: SourceFile, lines: list[str], n: int) -> bool:
    stripped = lines[n - 1].strip()
    if sf.language == "markdown":
        return stripped.startswith("<!--") and stripped.endswith("-->") and stripped.count("-->") == 1
    if sf.language in HASH:
        if not stripped.startswith("#") or (n == 1 and stripped.startswith("#!")):
            return False
        if sf.language == "yaml":  # a '#' line inside a block scalar is the scalar's text
            return not any(r.rstrip().endswith(("|", ">", "|-", ">-", "|+", ">+")) for r in lines[: n - 1])
        return not (n > 1 and lines[n - 2].rstrip().endswith("\\"))  # not a continued instruction
    if not stripped.startswith("//"):
        return False
    tree = parse(sf.text, sf.language, sf.path)
    if tree is None:
        return False
    return any(
        node.type in {"comment", "line_comment"}
        and node.start_point[0] == node.end_point[0] == n - 1
        and tree.text(node).strip() == stripped
        for node in walk(tree.root)
    )
