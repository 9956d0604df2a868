"""Missing resource limits the interpreter judges with its values: data inflated with no bound on
its output (decompression bombs, CWE-409) and loops that read a stream without ever testing for its
end (CWE-835).

Decompression: a one-shot call (``zlib.decompress(data)``, ``gzip.decompress``, ``bz2``, ``lzma``,
``brotli``, ``zstd``, ``lz4``, ``snappy``) given a non-constant value, a streaming decompressor's
``decompress(data)`` without ``max_length`` (or with a literal 0 or -1, which mean no limit), and a
compressed file object built on non-constant data read whole (``gzip.GzipFile(fileobj=...).read()``).
Not a finding when the function compared the input's size with a bound before the call (``if
len(data) > MAX: raise``, the fix real projects make first) or when the call names a bound.

Endless reads: a ``while`` loop that reads a stream into a name (``tok = stream.read(1)``) and
whose tests compare what was read with constants only (``while peek not in (b"\\r", b"\\n")``,
``if tok == b"E": ...``), never with the empty value a stream returns at its end (``not tok``,
``tok == b""``, ``len(tok)``), spins forever on input that stops early; so does ``while len(rest) <
2: rest += stream.read()``, which appends what it reads without looking at it and has no way out.

Pure predicates over ``ast`` nodes and qualified names; the interpreter (``interp``) calls them from
the walk it already makes (calls, comparisons, loops) and records the hits. Imports the standard
library and ``bot.core.pyparse`` only.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from bot.core.pyparse import dotted

ONE_SHOT = {
    "zlib.decompress", "gzip.decompress", "bz2.decompress", "lzma.decompress", "brotli.decompress",
    "brotlicffi.decompress", "zstd.decompress", "zstandard.decompress", "pyzstd.decompress",
    "snappy.decompress", "snappy.uncompress", "lz4.frame.decompress", "lz4.block.decompress",
}  # fmt: skip
"""Calls that inflate all their input at once: the output is as large as the input says."""
STREAMING = {
    "zlib.decompressobj", "bz2.BZ2Decompressor", "lzma.LZMADecompressor", "zstandard.ZstdDecompressor",
    "pyzstd.ZstdDecompressor",
}  # fmt: skip
"""Constructors of decompressors whose ``decompress(data, max_length)`` can bound what one call returns."""
FILE_READERS = {"gzip.GzipFile", "gzip.open", "bz2.BZ2File", "bz2.open", "lzma.LZMAFile", "lzma.open"}
"""Compressed file objects: ``read()`` without a size inflates the whole stream."""
BOUND_KEYWORDS = {"max_length", "max_output_size", "max_size", "limit", "maxsize"}
DECOMPRESSOR = "decompressor"
COMPRESSED_FILE = "compressed-file"
READ_METHODS = {"read", "read1", "readline", "recv", "recvfrom", "readexactly", "peek"}
"""Methods that return an empty value at the end of a stream."""
_ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _names(node: ast.AST) -> set[str]:
    """The dotted names ``node`` reads: a Name, an attribute chain, and what ``len()`` is given."""
    out: set[str] = set()
    if isinstance(node, ast.Call) and dotted(node.func) in {"len", "sys.getsizeof"} and node.args:
        node = node.args[0]
    if isinstance(node, ast.Name | ast.Attribute) and (name := dotted(node)):
        out.add(name)
    elif isinstance(node, ast.BinOp):
        out |= _names(node.left) | _names(node.right)
    return out


def sized_names(node: ast.Compare) -> set[str]:
    """Names whose size a comparison bounds (``len(data) > MAX``, ``length > self.max_length``,
    ``total + len(chunk) >= limit``): ordering comparisons only, not equality."""
    if not any(isinstance(op, _ORDERING) for op in node.ops):
        return set()
    out = _names(node.left)
    for right in node.comparators:
        out |= _names(right)
    return out


def bounded_call(node: ast.Call) -> bool:
    """Whether a decompression call names a bound (``max_length=``, a second positional argument that
    is not the literal 0 or -1 that mean none)."""
    for keyword in node.keywords:
        if keyword.arg in BOUND_KEYWORDS:
            return not _unlimited(keyword.value)
    return len(node.args) > 1 and not _unlimited(node.args[1])


def _unlimited(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return isinstance(node.operand, ast.Constant) and node.operand.value == 1
    return isinstance(node, ast.Constant) and (node.value is None or node.value == 0)


def whole_read(node: ast.Call) -> bool:
    """``f.read()`` or ``f.read(-1)``: everything that is left."""
    if node.keywords:
        return False
    return not node.args or _unlimited(node.args[0])


DATA_KEYWORDS = {"data", "string", "source", "frame"}


def data_argument(node: ast.Call) -> ast.expr | None:
    """The compressed input of a one-shot call or a decompressor's ``decompress``."""
    if node.args:
        return node.args[0]
    for keyword in node.keywords:
        if keyword.arg in DATA_KEYWORDS:
            return keyword.value
    return None


def input_names(node: ast.expr) -> set[str]:
    """The names an input expression reads (``data``, ``self._buf``, ``chunk[4:]``'s ``chunk``)."""
    if isinstance(node, ast.Subscript):
        node = node.value
    return _names(node)


# ------------------------------------------------------------------------------ endless reads
def _loop_nodes(loop: ast.While) -> Iterator[ast.AST]:
    """The nodes of a loop's test and body, not those of functions or classes defined in it."""
    stack: list[ast.AST] = [loop.test, *loop.body]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                stack.append(child)


def _empty(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return node.value in (b"", "", None)
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        return _empty(node.args[0])  # b_("") and other wrappers of a constant
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_empty(e) for e in node.elts)
    return False


def _reads_into(node: ast.AST) -> tuple[str, ast.Call] | None:
    """``name = <stream>.read(...)`` (one plain name assigned a read call's result)."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return None
    target, value = node.targets[0], node.value
    if (
        isinstance(target, ast.Name)
        and isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in READ_METHODS
    ):
        return target.id, value
    return None


def _plain_names(node: ast.expr) -> set[str]:
    """Names a test reads as values (not a called function's name, not a module's attribute)."""
    out: set[str] = set()
    stack: list[ast.AST] = [node]
    while stack:
        sub = stack.pop()
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Call):
            stack.extend(sub.args)
            stack.extend(k.value for k in sub.keywords)
        elif isinstance(sub, ast.Attribute):
            continue  # ``string.whitespace``, ``self.EOF``: not what was read
        else:
            stack.extend(ast.iter_child_nodes(sub))
    return out


def _length_below(test: ast.expr) -> str | None:
    """The name whose length the test keeps the loop going below (``len(rest) < 2``, ``2 > len(rest)``)."""
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if isinstance(op, ast.Gt | ast.GtE):
        left, right = right, left
    elif not isinstance(op, ast.Lt | ast.LtE):
        return None
    if (
        isinstance(left, ast.Call)
        and isinstance(left.func, ast.Name)
        and left.func.id == "len"
        and len(left.args) == 1
        and isinstance(left.args[0], ast.Name)
    ):
        return left.args[0].id
    return None


def _accumulating_read(loop: ast.While) -> ast.Call | None:
    """``while len(rest) < n: rest += stream.read()``: what was read is appended, never looked at, so
    an ended stream (``b""`` on every call) never grows ``rest`` and the loop spins. None when the body
    can leave the loop (``break``, ``return``, ``raise``) or the read is kept under another name."""
    name = _length_below(loop.test)
    if name is None:
        return None
    read: ast.Call | None = None
    for node in _loop_nodes(loop):
        if isinstance(node, ast.Break | ast.Return | ast.Raise):
            return None
        if (
            isinstance(node, ast.AugAssign)
            and isinstance(node.op, ast.Add)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr in READ_METHODS
        ):
            read = read or node.value
    return read


def endless_read(loop: ast.While) -> ast.Call | None:
    """The read call of a ``while`` loop that can never see the end of its stream: the loop runs
    forever (or until a constant it waits for) once the input stops early. None when any test of
    the loop tests what was read for emptiness or truth, or reads anything but what was read."""
    accumulating = _accumulating_read(loop)
    if accumulating is not None:
        return accumulating
    test = loop.test
    forever = isinstance(test, ast.Constant) and bool(test.value)
    reads: dict[str, ast.Call] = {}
    tests: list[ast.expr] = [] if forever else [test]
    derived: dict[str, set[str] | None] = {}
    """Other names the loop assigns -> the names their values read (``info = tok + tok2``); empty for
    a flag (``seen = True``), None for anything that may bound the loop (a counter, a call)."""
    for node in _loop_nodes(loop):
        found = _reads_into(node)
        if found is not None:
            reads.setdefault(*found)
        elif (
            isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        ):
            flag = isinstance(node.value, ast.Constant) and isinstance(node.value.value, bool)
            used = _plain_names(node.value) or (set() if flag else None)
            _record(derived, node.targets[0].id, used)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            # ``info += tok3`` keeps what was read; ``count += 1`` counts, and may bound the loop
            _record(derived, node.target.id, _plain_names(node.value) or None)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            _record(derived, node.target.id, None)
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert) and node is not loop:
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
    if not reads or not tests or _ends_on_empty(loop, set(reads)):
        return None
    known = set(reads)
    for _ in range(2):  # ``info = tok + tok2`` then ``info2 = info + tok3``
        known |= {n for n, used in derived.items() if used is not None and used <= known and n not in reads}
    flags = {n for n, used in derived.items() if used == set() and n not in reads}
    for expr in tests:
        if not _compares_only(expr, known, flags):
            return None
    return min(reads.values(), key=lambda call: call.lineno)


def _ends_on_empty(loop: ast.While, read: set[str]) -> bool:
    """Whether the loop stops once what it read is empty (the stream ended): its own test is false
    then (``while tok == b"\\x00"``, ``while tok in (b" ", b"\\t")``), or a test in its body is true
    then and leaves the loop at once (``if tok != b"E": break``)."""
    if _on_empty(loop.test, read) is False:
        return True
    stack: list[ast.stmt] = list(loop.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If):
            first = node.body[0]
            if isinstance(first, ast.Break | ast.Return | ast.Raise) and _on_empty(node.test, read) is True:
                return True
            stack.extend(node.body)
            stack.extend(node.orelse)
        elif isinstance(node, ast.With | ast.AsyncWith | ast.Try):
            stack.extend(node.body)  # not into nested loops: their ``break`` leaves only them
    return False


def _on_empty(test: ast.expr, read: set[str]) -> bool | None:
    """The value of ``test`` when every name in ``read`` is empty, where the test alone decides it
    (comparisons of a read name with non-empty constants, ``not``, ``and``, ``or``); None otherwise."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _on_empty(test.operand, read)
        return None if inner is None else not inner
    if isinstance(test, ast.BoolOp):
        values = [_on_empty(v, read) for v in test.values]
        decisive = isinstance(test.op, ast.Or)  # True decides an ``or``, False an ``and``
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if not isinstance(test, ast.Compare) or len(test.ops) != 1:
        return None
    left, right, op = test.left, test.comparators[0], test.ops[0]
    if not (isinstance(left, ast.Name) and left.id in read and _non_empty_constants(right)):
        return None
    if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Constant):
        return isinstance(op, ast.In)  # a substring test: the empty value is in every string
    return _EMPTY_COMPARISON.get(type(op))


_EMPTY_COMPARISON: dict[type[ast.cmpop], bool] = {
    ast.Eq: False,
    ast.In: False,
    ast.NotEq: True,
    ast.NotIn: True,
}
"""The value of ``<empty> op <non-empty constants>`` (a tuple, list or set for ``in``)."""


def _non_empty_constants(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str | bytes) and node.value not in (b"", "")
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(_non_empty_constants(e) for e in node.elts)
    return False


def _record(derived: dict[str, set[str] | None], name: str, used: set[str] | None) -> None:
    if name in derived:
        before = derived[name]
        derived[name] = None if before is None or used is None else before | used
    else:
        derived[name] = used


def _compares_only(test: ast.expr, read: set[str], flags: set[str]) -> bool:
    """Whether ``test`` only compares what was read with non-empty constants (``tok == b"E"``,
    ``peek not in (b"\\r", b"\\n")``) or test flags set from it: not a truth test of what was read,
    not an emptiness or length test."""
    if isinstance(test, ast.BoolOp):
        return all(_compares_only(v, read, flags) for v in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _compares_only(test.operand, read, flags)
    if isinstance(test, ast.Name):
        return test.id in flags  # a flag the loop sets from what it read, not the data itself
    if not isinstance(test, ast.Compare):
        return False  # ``if tok:``, ``if not buf:``, a call: it can see the end
    operands = [test.left, *test.comparators]
    if any(_empty(o) for o in operands):
        return False
    if any(isinstance(o, ast.Call) and dotted(o.func) == "len" for o in operands):
        return False
    names = _plain_names(test)
    return bool(names) and names <= read
