"""The honest coverage report: which files were analysed, by what, and which were skipped and why.

Pure: standard library only.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass


class FileState(enum.Enum):
    ANALYSED = "analysed"
    PARTIAL = "partially analysed"
    SKIPPED = "skipped"


class SkipReason(enum.Enum):
    DELETED = "deleted"
    BINARY = "binary"
    GENERATED = "generated"
    LOCK_FILE = "lock file"
    VENDORED = "vendored"
    TOO_LARGE = "too large"
    EXCLUDED = "excluded path"
    NO_ADDED_LINES = "no added lines"
    EMPTY = "empty file"
    """A whole-tree scan's file with nothing but whitespace (a scan has no added lines)."""
    UNREADABLE = "unreadable"
    UNPARSEABLE = "unparseable"
    ANALYZER_FAILED = "analyzer failed"


@dataclass(frozen=True, slots=True)
class FileCoverage:
    path: str
    state: FileState
    analyzers: tuple[str, ...] = ()
    reason: SkipReason | None = None
    detail: str = ""

    def describe(self) -> str:
        if self.state is FileState.SKIPPED:
            text = self.reason.value if self.reason else "skipped"
        elif self.state is FileState.PARTIAL:
            text = "partially analysed with " + ", ".join(self.analyzers)
        else:
            text = "analysed with " + ", ".join(self.analyzers)
        return f"{text}: {self.detail}" if self.detail else text


@dataclass(frozen=True, slots=True)
class Coverage:
    files: tuple[FileCoverage, ...]

    @property
    def analysed(self) -> tuple[FileCoverage, ...]:
        return tuple(f for f in self.files if f.state is FileState.ANALYSED)

    @property
    def partial(self) -> tuple[FileCoverage, ...]:
        return tuple(f for f in self.files if f.state is FileState.PARTIAL)

    @property
    def skipped(self) -> tuple[FileCoverage, ...]:
        return tuple(f for f in self.files if f.state is FileState.SKIPPED)

    @property
    def complete(self) -> bool:
        """No file that should have been analysed was missed (deliberate skips are fine)."""
        deliberate = {
            SkipReason.DELETED,
            SkipReason.BINARY,
            SkipReason.GENERATED,
            SkipReason.LOCK_FILE,
            SkipReason.VENDORED,
            SkipReason.EXCLUDED,
            SkipReason.NO_ADDED_LINES,
            SkipReason.EMPTY,
        }
        return not self.partial and all(f.reason in deliberate for f in self.skipped)

    def skip_counts(self) -> Counter[str]:
        return Counter(f.reason.value for f in self.skipped if f.reason)
