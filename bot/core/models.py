"""Value types of the domain: the change under review and the one normalised ``Finding``.

Pure: standard library only. Every analyzer (static or LLM) produces ``Finding`` values.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace


class Severity(enum.IntEnum):
    """How bad the flaw is if exploited."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected low, medium, high or critical)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


DEFAULT_SLA_DAYS: Mapping[Severity, int] = {
    Severity.CRITICAL: 7,
    Severity.HIGH: 30,
    Severity.MEDIUM: 90,
    Severity.LOW: 180,
}
"""Days an advisory may stay open per severity, unless the organisation profile says otherwise."""


class Confidence(enum.IntEnum):
    """How sure the analyzer is that the match is a real, exploitable flaw."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def parse(cls, text: str) -> Confidence:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown confidence {text!r} (expected low, medium or high)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class LineKind(enum.Enum):
    ADDED = "+"
    REMOVED = "-"
    CONTEXT = " "


@dataclass(frozen=True, slots=True)
class DiffLine:
    """One line of a hunk; ``new_no``/``old_no`` are 1-based and None on the side it lacks."""

    kind: LineKind
    old_no: int | None
    new_no: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Hunk:
    old_start: int
    old_len: int
    new_start: int
    new_len: int
    lines: tuple[DiffLine, ...]

    @property
    def new_end(self) -> int:
        """Last new-file line number the hunk covers (inclusive)."""
        return self.new_start + max(self.new_len, 1) - 1

    def covers_new(self, line: int) -> bool:
        return any(dl.new_no == line for dl in self.lines)


class FileStatus(enum.Enum):
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"
    RENAMED = "renamed"
    COPIED = "copied"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file of the change, as the diff describes it."""

    path: str
    old_path: str | None
    status: FileStatus
    hunks: tuple[Hunk, ...] = ()
    is_binary: bool = False
    old_mode: str | None = None
    new_mode: str | None = None
    language: str | None = None
    note: str = ""
    """Why the diff shows no content, when the host said (e.g. "no diff from GitHub")."""
    withheld: str = ""
    """Set when the host would not give this file's changes (too large, collapsed) and no other way
    to read them worked: the file is not reviewed and the review is partial, never complete."""

    _added: frozenset[int] = field(init=False, repr=False, compare=False, default=frozenset())
    _commentable: frozenset[int] = field(init=False, repr=False, compare=False, default=frozenset())

    def __post_init__(self) -> None:
        added = [dl.new_no for h in self.hunks for dl in h.lines if dl.kind is LineKind.ADDED]
        visible = [dl.new_no for h in self.hunks for dl in h.lines if dl.kind is not LineKind.REMOVED]
        object.__setattr__(self, "_added", frozenset(n for n in added if n is not None))
        object.__setattr__(self, "_commentable", frozenset(n for n in visible if n is not None))

    @property
    def added_lines(self) -> frozenset[int]:
        return self._added

    @property
    def commentable_lines(self) -> frozenset[int]:
        """New-side lines a review comment may anchor to (added or context lines of a hunk)."""
        return self._commentable

    def hunk_for(self, line: int) -> Hunk | None:
        for h in self.hunks:
            if h.covers_new(line):
                return h
        return None

    def added_count(self) -> int:
        return len(self.added_lines)


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything the diff says about a change: the files in diff order."""

    files: tuple[FileChange, ...]
    base: str | None = None
    head: str | None = None
    unlisted: int = 0
    """Changed files the host did not list (GitHub lists 3,000 at most): the review is partial."""
    _index: dict[str, FileChange] | None = field(default=None, init=False, repr=False, compare=False)

    def file(self, path: str) -> FileChange | None:
        return self._by_path.get(path)

    @property
    def _by_path(self) -> dict[str, FileChange]:
        index = self._index
        if index is None:
            index = {f.path: f for f in self.files}
            object.__setattr__(self, "_index", index)
        return index

    @property
    def added_line_count(self) -> int:
        return sum(f.added_count() for f in self.files)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a finding came from: engine, tool version and, for LLM findings, model and prompt."""

    engine: str
    tool_version: str = ""
    model: str = ""
    prompt_version: str = ""
    config_hash: str = ""
    corroborated_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One security finding, normalised whatever its source (static rule or LLM)."""

    rule_id: str
    engine: str
    category: str
    cwe: str
    title: str
    severity: Severity
    confidence: Confidence
    path: str
    start_line: int
    end_line: int
    message: str
    explanation: str = ""
    remediation: tuple[str, ...] = ()
    replacement: str | None = None
    """New text for lines start_line..end_line (whole lines, no trailing newline), if a fix exists."""
    provenance: Provenance = field(default_factory=lambda: Provenance(engine="unknown"))
    fingerprint: str = ""
    symbol: str = ""
    verifier_note: str = ""
    """Set when an LLM verifier judged this static finding not exploitable: its reason. The finding
    then leaves the inline comments for the summary (it is never dropped)."""
    fix_origin: str = ""
    """Who wrote ``replacement``: "" for a rule or a mechanical fixer, "model" for an LLM (the
    comment then says so beside the word verified)."""
    sink_line: int = 0
    """Set when a taint finding whose sink line the change leaves as it was is anchored on an added
    line its flow passes through (bot.analysis.semgrep.through_changed_lines): the sink's line. No
    fix is offered for it (the fix belongs on the sink)."""

    def with_(self, **changes: object) -> Finding:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def lines(self) -> range:
        return range(self.start_line, self.end_line + 1)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A changed file that will be analysed: its change and its full head text."""

    change: FileChange
    text: str
    language: str | None
    from_hunks_only: bool
    looks: str = ""
    """Why the file looks generated or vendored ("generated (header)", "vendored (vendor/)"): it is
    analysed all the same, and its findings are listed in the summary instead of inline."""

    @property
    def path(self) -> str:
        return self.change.path

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()
