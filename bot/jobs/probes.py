"""Fewer round trips for well-known files: a reader that, asked for one of a fixed set of
well-known paths (deployment files, CODEOWNERS), first lists the ref's root once and answers None
for a path whose top-level file or folder is not there, without asking the host.

Without this, a review probed 15 deployment-file paths and 4 CODEOWNERS places one 404 at a time.
Imports bot.hosts and bot.core only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from bot.hosts.base import RootLister

Reader = Callable[[str], "bytes | None"]


class SkipAbsent:
    """``read`` for every path, except that a path in ``probed`` whose first segment is missing from
    the root listing (read once, on the first such path) is answered None without a request."""

    def __init__(self, read: Reader, lister: RootLister, repo: str, ref: str, probed: Iterable[str]) -> None:
        self._read = read
        self._lister = lister
        self._repo = repo
        self._ref = ref
        self._probed = frozenset(probed)
        self._root: frozenset[str] | None = None
        self._listed = False
        self._lock = threading.Lock()
        self.skipped = 0

    def _names(self) -> frozenset[str] | None:
        with self._lock:
            if not self._listed:
                self._root = self._lister.root_names(self._repo, self._ref)
                self._listed = True
            return self._root

    def __call__(self, path: str) -> bytes | None:
        if path in self._probed:
            names = self._names()
            if names is not None and path.split("/", 1)[0] not in names:
                self.skipped += 1
                return None
        return self._read(path)


def skip_absent(read: Reader, host: object, repo: str, ref: str, probed: Iterable[str]) -> Reader:
    """``SkipAbsent`` when the host can list a root (``RootLister``), else ``read`` unchanged."""
    if isinstance(host, RootLister):
        return SkipAbsent(read, host, repo, ref, probed)
    return read
