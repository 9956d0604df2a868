"""A pull request's ChangeSet from a host's per-file answers, shared by the GitHub and GitLab adapters.

Each file is built from its own patch (the path never goes through diff text, so any file name a
host allows survives). A file the host gives no patch for (too large, collapsed) is rebuilt from its
contents at base and head; when that is impossible it is marked withheld, which makes the review
partial. A patch the host sent but nobody can read is a ``Permanent`` error naming the file.
Imports bot.core and bot.errors only.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.core.diffmap import DiffError, file_change
from bot.core.languages import detect_language
from bot.core.models import ChangeSet, FileChange, FileStatus
from bot.errors import ContentTooLarge, Permanent

Fetch = Callable[[str, str], "bytes | None"]
"""Contents of (path, revision); None when absent; may raise ContentTooLarge."""

_BINARY_PROBE = 8192
_CONTEXT = 3


@dataclass(frozen=True, slots=True)
class HostFile:
    """What a host said about one changed file."""

    path: str
    status: FileStatus
    patch: str | None
    old_path: str | None = None
    changed: bool = True
    """Whether the file's content changed (a pure rename or mode change has no patch and no change)."""
    binary: bool = False
    """The host said so (a "Binary files differ" diff)."""
    new_mode: str | None = None
    old_mode: str | None = None


def build_changeset(
    host: str,
    files: Iterable[HostFile],
    *,
    base: str,
    head: str,
    fetch: Fetch,
    unlisted: int = 0,
) -> ChangeSet:
    """The ChangeSet of ``files``; missing patches are rebuilt with ``fetch`` or marked withheld."""
    changes: list[FileChange] = []
    for f in files:
        try:
            changes.append(_one(host, f, base, head, fetch))
        except DiffError as exc:
            raise Permanent(f"{host} sent a diff Remediator cannot read for {f.path!r}: {exc}") from exc
    return ChangeSet(tuple(changes), base, head, unlisted=unlisted)


def _one(host: str, f: HostFile, base: str, head: str, fetch: Fetch) -> FileChange:
    def make(patch: str | None, *, binary: bool = False, note: str = "") -> FileChange:
        return file_change(
            f.path,
            patch,
            status=f.status,
            old_path=f.old_path,
            new_mode=f.new_mode,
            old_mode=f.old_mode,
            binary=binary,
            note=note,
        )

    if f.patch or not f.changed or f.status is FileStatus.DELETED:
        return make(f.patch, binary=f.binary and not f.patch)
    rebuilt, why = _from_contents(f, base, head, fetch)
    if rebuilt is not None:
        return make(rebuilt, note=f"diff rebuilt from contents ({host} gave none)")
    if why == "binary":
        return make(None, binary=True, note=f"binary (no diff from {host})")
    return _withheld(make(None), f"{host} gave no diff and {why}")


def _withheld(change: FileChange, why: str) -> FileChange:
    return FileChange(
        path=change.path,
        old_path=change.old_path,
        status=change.status,
        is_binary=False,
        old_mode=change.old_mode,
        new_mode=change.new_mode,
        language=change.language,
        withheld=why,
    )


def _from_contents(f: HostFile, base: str, head: str, fetch: Fetch) -> tuple[str | None, str]:
    """(hunks between the base and head contents, "") or (None, why not)."""
    try:
        new = fetch(f.path, head)
        old = None if f.status is FileStatus.ADDED else fetch(f.old_path or f.path, base)
    except ContentTooLarge as exc:
        return None, f"the file is too large to read ({exc.size:,} bytes)"
    if new is None:
        return None, "its contents could not be read at the head commit"
    if b"\x00" in new[:_BINARY_PROBE] or (old is not None and b"\x00" in old[:_BINARY_PROBE]):
        if detect_language(f.path) is None:
            return None, "binary"
        # source code with a NUL byte (hosts call it binary and show no diff): a byte the change
        # itself chose must not hide what it adds; each NUL becomes a space, lines are kept
        new = new.replace(b"\x00", b" ")
        old = old.replace(b"\x00", b" ") if old is not None else None
    patch = unified_hunks(old, new)
    return (patch, "") if patch else (None, "its contents show no change")


def unified_hunks(old: bytes | None, new: bytes) -> str:
    """Unified-diff hunks (from the first ``@@``) turning ``old`` into ``new``, lines split on
    ``\\n`` only, as git splits them."""
    a = _lines(old) if old is not None else []
    b = _lines(new)
    diff = difflib.unified_diff(a, b, lineterm="", n=_CONTEXT)
    body = [line for i, line in enumerate(diff) if i >= 2]  # drop the ---/+++ header
    return "\n".join(body)


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]
