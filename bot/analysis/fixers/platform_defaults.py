"""Fixers that give a check back to the platform's secure default (Java, TypeScript/JavaScript, Go).

- TLS: a statement that only switches verification off is deleted, so the default applies again:
  ``conn.setHostnameVerifier((h, s) -> true);`` (Java: the default verifier checks the host name) and
  ``process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';`` (Node verifies certificates); a comment line
  right above that only explains the switch goes with it. A suggestion cannot delete a line alone, so
  the neighbouring added line is carried along; where that neighbour is blank (Node), the comment
  stays instead, ending with what to do (``NODE_EXTRA_CA_CERTS``);
- temp files (Java): ``File.createTempFile(p, s)`` -> ``Files.createTempFile(p, s).toFile()`` when the
  file imports ``java.nio.file.Files``: NIO creates it readable by its owner only (0600 on POSIX);
- Go session ids: ``strconv.FormatInt(rand.Int63(), 36)`` -> ``rand.Text()`` with ``"math/rand"``
  imported as ``"crypto/rand"``, when that is the file's only use of the package and the import is
  close above (Go 1.24 or later: 26 characters from the operating system's CSPRNG); ``"strconv"`` is
  dropped from the imports when nothing else uses it (Go refuses an unused import).
Line-based with the tree-sitter tree for Go. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.tsutil import Node, Tree, parse, walk
from bot.core.models import Finding, SourceFile

ALLOW_ALL = ("-> true);", "->true);")
TLS_STEP = (
    "Verification is back to the platform's default. If a peer uses a private CA, trust that CA "
    "instead (a trust store, NODE_EXTRA_CA_CERTS), never every certificate or host."
)
NODE_CA_NOTE = ": trust its CA with NODE_EXTRA_CA_CERTS, never every certificate"
TEMP_STEP = "The temporary file is now created readable and writable by its owner only."
RAND_STEP = (
    "The id now comes from crypto/rand (rand.Text, Go 1.24 or later); on an older Go, fill 16 bytes with "
    "rand.Read and encode them."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.replacement is not None or not 1 <= finding.start_line <= len(sf.lines):
        return None
    if finding.category == "tls-verification" and sf.language in {"java", "javascript", "typescript"}:
        return _tls(finding, sf)
    if finding.category == "insecure-temp-file" and sf.language == "java":
        return _temp(finding, sf)
    if finding.category == "insecure-randomness" and sf.language == "go":
        return _go_rand(finding, sf)
    return None


def _delete(finding: Finding, sf: SourceFile, first: int, last: int, step: str) -> Finding | None:
    """Delete lines ``first``..``last`` (1-based), carrying the added line below (or above) along: the
    suggestion replaces them all by that line, which must hold text."""
    lines, added = sf.lines, sf.change.added_lines
    if not all(n in added for n in range(first, last + 1)):
        return None
    # never an empty block: a host may read an empty suggestion as deleting the lines, not as one blank
    if last + 1 <= len(lines) and last + 1 in added and lines[last].strip():
        span, replacement = (first, last + 1), lines[last]
    elif first - 1 >= 1 and first - 1 in added and lines[first - 2].strip():
        span, replacement = (first - 1, last), lines[first - 2]
    else:
        return None
    remediation = (*finding.remediation, step)
    return finding.with_(
        start_line=span[0], end_line=span[1], replacement=replacement, remediation=remediation
    )


def _tls(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.end_line != finding.start_line:
        return None
    n = finding.start_line
    row = sf.lines[n - 1].strip()
    java = sf.language == "java" and ".setHostnameVerifier(" in row and row.endswith(ALLOW_ALL)
    node = row.replace('"', "'").replace(" ", "") in {
        "process.env.NODE_TLS_REJECT_UNAUTHORIZED='0';",
        "process.env['NODE_TLS_REJECT_UNAUTHORIZED']='0';",
    }
    if not (java or node) or row.count(";") != 1:
        return None
    first = n
    above = sf.lines[n - 2].strip() if n > 1 else ""
    if above.startswith("//") and any(w in above.lower() for w in ("cert", "tls", "ssl", "host", "verif")):
        first = n - 1  # the comment that explains the switch goes with it
    deleted = _delete(finding, sf, first, n, TLS_STEP)
    if deleted is None and node and first == n - 1 and first in sf.change.added_lines:
        # no added line with text beside them to carry: the comment stays, saying what to do instead
        # (a suggestion is never empty, see _delete)
        comment = sf.lines[first - 1].rstrip()
        if "NODE_EXTRA_CA_CERTS" not in comment and len(comment) <= 200:
            text = comment.rstrip(".;:") + NODE_CA_NOTE
            return finding.with_(
                start_line=first, end_line=n, replacement=text, remediation=(*finding.remediation, TLS_STEP)
            )
    return deleted


def _temp(finding: Finding, sf: SourceFile) -> Finding | None:
    n = finding.start_line
    row = sf.lines[n - 1]
    if "import java.nio.file.Files;" not in sf.text or row.count("File.createTempFile(") != 1:
        return None
    at = row.index("File.createTempFile(")
    if at > 0 and (row[at - 1].isalnum() or row[at - 1] == "."):
        return None  # java.io.File.createTempFile or another class's method: by hand
    depth, end = 0, -1
    for i in range(at + len("File.createTempFile"), len(row)):
        depth += {"(": 1, ")": -1}.get(row[i], 0)
        if depth == 0:
            end = i + 1
            break
    args = row[at + len("File.createTempFile(") : end - 1] if end > 0 else ""
    if end < 0 or args.count(",") != 1 or "(" in args:
        return None  # the three-argument form (a directory) or a nested call: by hand
    edit = Edit(n, at, end, f"Files.createTempFile({args}).toFile()")
    return to_finding(finding, sf, [edit], (TEMP_STEP,))


def _go_rand(finding: Finding, sf: SourceFile) -> Finding | None:
    tree = parse(sf.text, "go", sf.path)
    call = _formatted_int63(tree) if tree is not None else None
    if tree is None or call is None:
        return None
    specs = [s for s in walk(tree.root) if s.type == "import_spec"]
    math = next(s for s in specs if tree.text(s.child_by_field_name("path")) == '"math/rand"')
    row, imp = call.start_point[0] + 1, math.start_point[0] + 1
    near = finding.start_line <= row <= finding.end_line or row == finding.start_line - 1
    if not near or not 0 <= max(row, finding.end_line) - imp <= MAX_WIDEN:
        return None
    edits = [
        tree.edit(math.child_by_field_name("path"), '"crypto/rand"'),
        tree.edit(call, "rand.Text()"),
        Edit(finding.end_line, 0, 0, ""),
    ]
    if tree.text(tree.root).count("strconv.") == 1:  # Go refuses an unused import: its line goes too
        strconv = [s for s in specs if tree.text(s) == '"strconv"']
        at = strconv[0].start_point[0] if len(strconv) == 1 else 0
        if at == 0 or tree.lines[at].strip() != '"strconv"':
            return None
        edits.append(Edit(at, len(tree.lines[at - 1]), len(tree.lines[at]), "", at + 1))
    if None in edits:
        return None
    return to_finding(finding, sf, [e for e in edits if e is not None], (RAND_STEP,))


def _formatted_int63(tree: Tree) -> Node | None:
    """The one ``strconv.FormatInt(rand.Int63(), 36)`` of a file whose only use of an unnamed
    ``"math/rand"`` import it is (and that does not import ``crypto/rand``)."""
    paths = [tree.text(s.child_by_field_name("path")) for s in walk(tree.root) if s.type == "import_spec"]
    named = [
        s for s in walk(tree.root) if s.type == "import_spec" and s.child_by_field_name("name") is not None
    ]
    uses = [
        n
        for n in walk(tree.root)
        if n.type == "selector_expression" and tree.text(n.child_by_field_name("operand")) == "rand"
    ]
    if paths.count('"math/rand"') != 1 or '"crypto/rand"' in paths or named or len(uses) != 1:
        return None
    call = uses[0]
    for _ in range(3):  # rand.Int63 -> rand.Int63() -> (...) -> strconv.FormatInt(...)
        call = call.parent if call is not None else None
    if call is None or tree.text(call).replace(" ", "") != "strconv.FormatInt(rand.Int63(),36)":
        return None
    return call
