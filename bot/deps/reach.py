"""Which packages a repository imports, to weigh an advisory that names its vulnerable packages
(Go's records do; some others name modules or functions): never imported -> ranked lower, and said.

Imports are read a line at a time with fixed-shape splits (no regular expressions): Go ``import``
lines and blocks, Python ``import``/``from`` statements, JavaScript ``require('x')`` and
``import ... from 'x'``. Bounded in files and bytes; a repository beyond the bounds is "unknown",
never "not imported".
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_FILES = 20_000
MAX_BYTES = 200_000_000
SOURCE_SUFFIXES = (".go", ".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx")


def is_source(path: str) -> bool:
    return (
        path.endswith(SOURCE_SUFFIXES) and "/node_modules/" not in f"/{path}" and "/vendor/" not in f"/{path}"
    )


def _quoted(text: str) -> str | None:
    """The first '...' or "..." string in ``text``."""
    for quote in ('"', "'", "`"):
        start = text.find(quote)
        if start >= 0:
            end = text.find(quote, start + 1)
            if end > start:
                return text[start + 1 : end]
    return None


def _go_imports(text: str) -> Iterable[tuple[str, int]]:
    in_block = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("//", 1)[0].strip()
        if line.startswith("import ("):
            in_block = True
            continue
        if in_block and line.startswith(")"):
            in_block = False
            continue
        if in_block or line.startswith("import "):
            found = _quoted(line)
            if found:
                yield found, n


def _python_imports(text: str) -> Iterable[tuple[str, int]]:
    for n, raw in enumerate(text.splitlines(), 1):
        parts = raw.strip().replace(",", " ").split()
        if len(parts) >= 2 and parts[0] == "import":
            names = [p for i, p in enumerate(parts) if i and p != "as" and parts[i - 1] != "as"]
            yield from ((p, n) for p in names if p.replace(".", "").isidentifier())
        elif len(parts) >= 4 and parts[0] == "from" and parts[2] == "import" and not parts[1].startswith("."):
            yield parts[1], n


def _js_imports(text: str) -> Iterable[tuple[str, int]]:
    for n, raw in enumerate(text.splitlines(), 1):
        for marker in ("require(", " from ", "import("):
            at = raw.find(marker)
            if at >= 0:
                found = _quoted(raw[at + len(marker) :])
                if found and not found.startswith("."):
                    yield found, n


@dataclass
class ImportIndex:
    """Imported names -> the first (path, line) importing them; ``complete`` False when bounded."""

    first: dict[str, tuple[str, int]] = field(default_factory=dict)
    complete: bool = True

    @classmethod
    def build(
        cls, files: Mapping[str, bytes] | Iterable[tuple[str, bytes | None]], *, max_files: int = MAX_FILES
    ) -> ImportIndex:
        """The imports of ``files`` (only source files are read); past ``max_files`` files or
        ``MAX_BYTES`` bytes, or at an entry whose contents are None (the source was cut short), it
        stops and is not ``complete``."""
        index = cls()
        items = files.items() if isinstance(files, Mapping) else files
        total = 0
        for count, (path, data) in enumerate(items):
            total += len(data or b"")
            if data is None or count >= max_files or total > MAX_BYTES:
                index.complete = False
                break
            if not is_source(path):
                continue
            text = data.decode("utf-8", errors="replace")
            ext = posixpath.splitext(path)[1]
            found = (
                _go_imports(text)
                if ext == ".go"
                else _python_imports(text)
                if ext == ".py"
                else _js_imports(text)
            )
            for name, line in found:
                index.first.setdefault(name, (path, line))
        return index

    def importing(self, names: Iterable[str]) -> list[tuple[str, int, str]]:
        """(path, line, name) for each of ``names`` the repository imports (a Python or JS import of a
        submodule counts for its package)."""
        hits = []
        for name in sorted(set(names)):
            where = self.first.get(name)
            if where is None:
                where = next(
                    (w for imp, w in self.first.items() if imp.startswith((name + ".", name + "/"))), None
                )
            if where is not None:
                hits.append((where[0], where[1], name))
        return hits
