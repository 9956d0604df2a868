"""Decide which changed files are analysed, read their contents once, and lay them out on disk.

The analyzers run over a private temporary tree that mirrors the repository paths, so one process
per analyzer covers the whole review. Nothing from the change is executed or interpreted here.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.core.coverage import FileCoverage, FileState, SkipReason
from bot.core.languages import detect_language
from bot.core.models import ChangeSet, FileChange, FileStatus, SourceFile
from bot.errors import ContentTooLarge

Reader = Callable[[str], "bytes | None"]
"""Returns the head content of a path, or None when it cannot be read."""

VENDORED_DIRS = (
    "vendor/",
    "node_modules/",
    "third_party/",
    "third-party/",
    "bower_components/",
    ".venv/",
    "venv/",
    "site-packages/",
    "Pods/",
    "external/",
)
LOCK_FILES = {
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "poetry.lock",
    "Pipfile.lock",
    "go.sum",
    "Cargo.lock",
    "composer.lock",
    "Gemfile.lock",
    "uv.lock",
    "pdm.lock",
    "gradle.lockfile",
    "packages.lock.json",
    "npm-shrinkwrap.json",
    "bun.lockb",
}
GENERATED_SUFFIXES = (
    ".min.js",
    ".min.css",
    "_pb2.py",
    "_pb2_grpc.py",
    ".pb.go",
    ".pb.gw.go",
    "_generated.go",
    ".g.dart",
    ".designer.cs",
    ".map",
)
_GENERATED_MARKER = re.compile(r"@generated|DO NOT EDIT|auto-?generated", re.IGNORECASE)  # linear
_HEADER_CHARS = 2000
# Files that steer the analyzers themselves: a change must not be able to switch analysis off.
CONTROL_FILES = {".semgrepignore", ".bandit", ".remediator.yml"}


def _skip(path: str, reason: SkipReason, detail: str = "") -> FileCoverage:
    return FileCoverage(path, FileState.SKIPPED, reason=reason, detail=detail)


def _matches(path: str, patterns: Iterable[str]) -> str | None:
    for pattern in patterns:
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(path, pattern.rstrip("/") + "/*"):
            return pattern
    return None


def _path_class(path: str, excludes: Iterable[str]) -> FileCoverage | None:
    """A skip decided by the default branch's configuration (or an unsafe path), else None."""
    parts = path.split("/")
    if path.startswith("/") or ".." in parts or "\x00" in path:
        return _skip(path, SkipReason.EXCLUDED, "unsafe path outside the repository")
    pattern = _matches(path, excludes)
    if pattern:
        return _skip(path, SkipReason.EXCLUDED, f"matches {pattern}")
    name = posixpath.basename(path)
    if name in CONTROL_FILES:
        return _skip(path, SkipReason.EXCLUDED, "analyzer control file (never read from a change)")
    return None


def path_skip(path: str, excludes: Iterable[str]) -> FileCoverage | None:
    """The coverage entry of a path the configuration (or an unsafe name) skips, else None."""
    return _path_class(path, tuple(excludes))


def looks_like(path: str, text: str = "") -> str:
    """Why a file looks generated, vendored or a lock file ("" when it does not). Never a reason to
    skip it: the change itself chose its path and header, so it is analysed all the same."""
    name = posixpath.basename(path)
    probe = "/" + path
    vendored = next((d for d in VENDORED_DIRS if "/" + d in probe), None)
    if vendored:
        return f"vendored ({vendored})"
    if name in LOCK_FILES:
        return "a lock file"
    if name.endswith(GENERATED_SUFFIXES):
        return "generated (file name)"
    head = "\n".join(text[:_HEADER_CHARS].splitlines()[:5])
    if _GENERATED_MARKER.search(head):
        return "generated (header)"
    return ""


def text_from_hunks(change: FileChange) -> str:
    """The new file as far as the diff shows it: unknown lines left blank, numbering kept."""
    known: dict[int, str] = {}
    for hunk in change.hunks:
        for dl in hunk.lines:
            if dl.new_no is not None:
                known[dl.new_no] = dl.text
    if not known:
        return ""
    return "\n".join(known.get(n, "") for n in range(1, max(known) + 1)) + "\n"


def _added_lines_match(change: FileChange, text: str) -> bool:
    lines = text.splitlines()
    for hunk in change.hunks:
        for dl in hunk.lines:
            if dl.new_no is None or dl.kind.value != "+":
                continue
            if dl.new_no > len(lines) or lines[dl.new_no - 1].rstrip("\r") != dl.text:
                return False
    return True


def _without_nul(data: bytes | None, change: FileChange) -> bytes | None:
    """``data`` (NUL bytes made spaces when the host diffed the file as text: a byte the change chose
    never hides what it adds; lines and columns are kept), or None for a binary file."""
    if data is None or b"\x00" not in data[:8192]:
        return data
    return data.replace(b"\x00", b" ") if change.hunks else None


def select_files(
    changeset: ChangeSet,
    read: Reader | None,
    *,
    max_file_bytes: int,
    excludes: Iterable[str] = (),
) -> tuple[list[SourceFile], list[FileCoverage]]:
    """The files to analyse and a coverage entry for every file skipped, each with its reason.

    ``read`` gives head contents (a repository); without it, files are rebuilt from the diff.
    """
    excludes = tuple(excludes)
    selected: list[SourceFile] = []
    skipped: list[FileCoverage] = []
    for change in changeset.files:
        path = change.path
        if change.status is FileStatus.DELETED:
            skipped.append(_skip(path, SkipReason.DELETED))
            continue
        if change.withheld:
            skipped.append(_skip(path, SkipReason.TOO_LARGE, change.withheld))
            continue
        if change.is_binary:
            skipped.append(_skip(path, SkipReason.BINARY, change.note))
            continue
        classified = _path_class(path, excludes)
        if classified:
            skipped.append(classified)
            continue
        if not change.added_lines:
            detail = "mode change only" if change.new_mode and not change.hunks else ""
            if change.status in (FileStatus.RENAMED, FileStatus.COPIED) and not change.hunks:
                detail = f"{change.status.value} without content changes"
            skipped.append(_skip(path, SkipReason.NO_ADDED_LINES, detail))
            continue
        from_hunks = True
        data: bytes | None = None
        if read is not None:
            try:
                data = read(path)
            except ContentTooLarge as exc:
                skipped.append(
                    _skip(path, SkipReason.TOO_LARGE, f"{exc.size:,} bytes, not served whole by the host")
                )
                continue
            if data is None:
                skipped.append(_skip(path, SkipReason.UNREADABLE, "not found at the head revision"))
                continue
            from_hunks = False
        if data is not None and len(data) > max_file_bytes:
            skipped.append(_skip(path, SkipReason.TOO_LARGE, f"{len(data):,} bytes > {max_file_bytes:,}"))
            continue
        data = _without_nul(data, change)
        if data is None and read is not None:
            skipped.append(_skip(path, SkipReason.BINARY, "NUL bytes in content"))
            continue
        text = data.decode("utf-8", errors="replace") if data is not None else text_from_hunks(change)
        if from_hunks and len(text.encode("utf-8", errors="replace")) > max_file_bytes:
            skipped.append(_skip(path, SkipReason.TOO_LARGE, f"more than {max_file_bytes:,} bytes"))
            continue
        looks = looks_like(path, text)
        if not from_hunks and not _added_lines_match(change, text):
            text = text_from_hunks(change)
            from_hunks = True
        first = text.split("\n", 1)[0]
        language = change.language or detect_language(path, first)
        selected.append(SourceFile(change, text, language, from_hunks, looks))
    return selected, skipped


def materialise(files: Iterable[SourceFile], root: Path) -> dict[str, Path]:
    """Write each file under ``root`` at its repository path; returns path -> location.

    Paths are checked to stay inside ``root``: a diff naming ``../../etc/passwd`` writes nothing
    outside the workspace.
    """
    root = root.resolve()
    written: dict[str, Path] = {}
    for sf in files:
        target = (root / sf.path).resolve()
        if root not in target.parents:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sf.text, encoding="utf-8", errors="replace", newline="")
        written[sf.path] = target
    return written
