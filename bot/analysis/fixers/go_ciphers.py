"""Go's DES and 3DES block ciphers -> AES, the standard library's equivalent of the same call shape
(issue 12, weak crypto), on the tree-sitter tree.

``des.NewCipher(key)`` and ``des.NewTripleDESCipher(key)`` return ``(cipher.Block, error)``, as
``aes.NewCipher(key)`` does; the call is swapped and the ``"crypto/des"`` import becomes
``"crypto/aes"`` (or goes, when the file already imports it), only where that call is the file's one
use of ``des`` and the import line is within the suggestion's reach (Go refuses an unused import, so
the two change together). AES refuses a key that is not 16, 24 or 32 bytes with an error the caller
already handles: a 3DES key (24 bytes) keeps working as AES-192, a DES key (8 bytes) must be replaced,
which a broken cipher's key has to be anyway; the step says so. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.tsutil import Tree, parse, walk
from bot.core.models import Finding, SourceFile

_CALLS = {"des.NewCipher", "des.NewTripleDESCipher"}
STEP = (
    "The block cipher is AES now: its key must be 16, 24 or 32 bytes (a 3DES key of 24 bytes works as "
    "AES-192; an 8-byte DES key is refused with an error: issue a new key) and its blocks are 16 bytes, "
    "so an IV sized with `block.BlockSize()` follows but a fixed 8-byte IV must grow. Re-encrypt the "
    "data stored with DES; where the mode is yours to choose, prefer `cipher.NewGCM(block)`."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "weak-crypto" or finding.replacement is not None or sf.language != "go":
        return None
    tree = parse(sf.text, "go", sf.path)
    if tree is None:
        return None
    uses = [
        n
        for n in walk(tree.root)
        if n.type == "selector_expression" and tree.text(n.child_by_field_name("operand")) == "des"
    ]
    if len(uses) != 1 or tree.text(uses[0]) not in _CALLS or uses[0].start_point[0] + 1 not in finding.lines:
        return None
    import_edit = _import_edit(tree, uses[0].start_point[0] + 1, finding)
    call_edit = tree.edit(uses[0], "aes.NewCipher")
    if import_edit is None or call_edit is None:
        return None
    edits = [import_edit, call_edit, Edit(finding.start_line, 0, 0, ""), Edit(finding.end_line, 0, 0, "")]
    return to_finding(finding, sf, edits, (STEP,))


def _import_edit(tree: Tree, row: int, finding: Finding) -> Edit | None:
    """``"crypto/des"`` -> ``"crypto/aes"`` (or the line dropped when aes is imported already)."""
    specs = [s for s in walk(tree.root) if s.type == "import_spec"]
    if any(s.child_by_field_name("name") is not None for s in specs):
        return None  # an aliased or dot import somewhere: by hand
    paths = [tree.text(s.child_by_field_name("path")) for s in specs]
    if paths.count('"crypto/des"') != 1:
        return None
    des = specs[paths.index('"crypto/des"')]
    imp = des.start_point[0] + 1
    if not 0 <= max(row, finding.end_line) - imp <= MAX_WIDEN:
        return None  # the import is out of the suggestion's reach: Go would refuse the half-done file
    if '"crypto/aes"' not in paths:
        return tree.edit(des.child_by_field_name("path"), '"crypto/aes"')
    line = tree.lines[imp - 1]
    if line.strip() != '"crypto/des"' or imp < 2:
        return None
    return Edit(imp - 1, len(tree.lines[imp - 2]), len(line), "", imp)  # the line goes
