"""Parse unified diffs (as ``git diff`` writes them) into the change model, with unidiff.

Handles renames, copies, mode changes, binary files, deletions, "\\ No newline at end of file",
CRLF line ends and bytes that are not UTF-8. Pure: standard library and unidiff only.
"""

from __future__ import annotations

from collections.abc import Sequence

from unidiff.errors import UnidiffParseError
from unidiff.patch import Hunk as UnidiffHunk
from unidiff.patch import PatchedFile, PatchSet

from bot.core.languages import detect_language
from bot.core.models import ChangeSet, DiffLine, FileChange, FileStatus, Hunk, LineKind


class DiffError(ValueError):
    """The text is not a usable unified diff (empty, malformed or without file changes)."""


def decode(data: bytes) -> str:
    """Bytes to text without losing line structure: invalid UTF-8 bytes become U+FFFD."""
    return data.decode("utf-8", errors="replace")


def parse_diff(data: bytes | str, *, base: str | None = None, head: str | None = None) -> ChangeSet:
    """The change a unified diff describes. Raises ``DiffError`` for anything unusable."""
    text = decode(data) if isinstance(data, bytes) else data
    if not text.strip():
        raise DiffError("the diff is empty")
    try:
        patch = PatchSet(text.splitlines(keepends=True))
    except UnidiffParseError as exc:
        raise DiffError(f"malformed diff: {exc}") from exc
    if len(patch) == 0:
        raise DiffError("no file changes found: is this a unified diff?")
    files = tuple(_file_change(pf) for pf in patch)
    return ChangeSet(files=files, base=base, head=head)


def file_change(
    path: str,
    patch: str | None,
    *,
    status: FileStatus,
    old_path: str | None = None,
    binary: bool = False,
    new_mode: str | None = None,
    old_mode: str | None = None,
    note: str = "",
) -> FileChange:
    """One file of a change from a host's per-file patch (hunks only, starting at ``@@``).

    The path never goes through diff text, so any name a host allows (tab, newline, quotes,
    backslash, non-UTF-8 bytes shown as U+FFFD) is kept exactly. ``DiffError`` when the hunks are
    malformed."""
    hunks: tuple[Hunk, ...] = ()
    if patch and patch.strip():
        body = patch if patch.endswith("\n") else patch + "\n"
        src = "/dev/null" if status is FileStatus.ADDED else "a/file"
        dst = "/dev/null" if status is FileStatus.DELETED else "b/file"
        parsed = parse_diff(f"--- {src}\n+++ {dst}\n{body}")
        if len(parsed.files) != 1:
            raise DiffError(f"the patch of one file parsed as {len(parsed.files)} files")
        hunks = parsed.files[0].hunks
        if not hunks:
            raise DiffError("the patch has no readable hunk")
    first_line = next((dl.text for h in hunks for dl in h.lines if dl.new_no == 1), None)
    return FileChange(
        path=path,
        old_path=old_path if old_path != path else None,
        status=status,
        hunks=hunks,
        is_binary=binary,
        old_mode=old_mode,
        new_mode=new_mode,
        language=detect_language(path, first_line),
        note=note,
    )


def _strip_prefix(name: str) -> str:
    if name.startswith(("a/", "b/")):
        return name[2:]
    return name


def _header_value(info: list[str], key: str) -> str | None:
    for raw in info:
        line = raw.rstrip("\r\n")
        if line.startswith(key):
            return line[len(key) :].strip()
    return None


def _file_change(pf: PatchedFile) -> FileChange:
    info = [str(x) for x in getattr(pf, "patch_info", None) or []]
    source = _strip_prefix(str(getattr(pf, "source_file", "") or ""))
    target = _strip_prefix(str(getattr(pf, "target_file", "") or ""))
    path = str(pf.path)
    copy_from = _header_value(info, "copy from ")
    rename_from = _header_value(info, "rename from ")
    if pf.is_removed_file:
        status = FileStatus.DELETED
        path = source if source != "/dev/null" else path
    elif pf.is_added_file:
        status = FileStatus.ADDED
    elif copy_from is not None:
        status = FileStatus.COPIED
    elif rename_from is not None or pf.is_rename:
        status = FileStatus.RENAMED
    else:
        status = FileStatus.MODIFIED
    if status is not FileStatus.DELETED and target and target != "/dev/null":
        path = target
    old_path = copy_from or rename_from or (source if source and source != "/dev/null" else None)
    hunks = tuple(_hunk(h) for h in pf)
    first_line = None
    for h in hunks:
        for dl in h.lines:
            if dl.new_no == 1:
                first_line = dl.text
    return FileChange(
        path=path,
        old_path=old_path if old_path != path else None,
        status=status,
        hunks=hunks,
        is_binary=bool(pf.is_binary_file) or _is_git_binary(info),
        old_mode=_header_value(info, "old mode ") or _header_value(info, "deleted file mode "),
        new_mode=_header_value(info, "new mode ") or _header_value(info, "new file mode "),
        language=detect_language(path, first_line),
    )


def _is_git_binary(info: list[str]) -> bool:
    return any(line.startswith(("GIT binary patch", "Binary files ")) for line in info)


_KINDS = {"+": LineKind.ADDED, "-": LineKind.REMOVED, " ": LineKind.CONTEXT}


def _hunk(h: UnidiffHunk) -> Hunk:
    lines = []
    for line in h:
        kind = _KINDS.get(line.line_type)
        if kind is None:  # "\ No newline at end of file" and similar markers
            continue
        text = str(line.value).rstrip("\n").rstrip("\r")
        lines.append(DiffLine(kind, line.source_line_no, line.target_line_no, text))
    return Hunk(
        old_start=int(h.source_start),
        old_len=int(h.source_length),
        new_start=int(h.target_start),
        new_len=int(h.target_length),
        lines=tuple(lines),
    )


def base_text(text: str, hunks: Sequence[Hunk]) -> str | None:
    """The file before the change, rebuilt from its head ``text`` and the change's hunks; None when
    the hunks do not fit the head (a diff of another revision)."""
    head = text.splitlines()
    out: list[str] = []
    pos = 0  # head lines copied so far
    for hunk in sorted(hunks, key=lambda h: h.new_start):
        new_nos = [dl.new_no for dl in hunk.lines if dl.new_no is not None]
        first = min(new_nos) - 1 if new_nos else hunk.new_start
        if first < pos or first > len(head):
            return None
        out += head[pos:first]
        pos = first
        for dl in hunk.lines:
            if dl.kind is LineKind.ADDED:
                if dl.new_no != pos + 1 or pos >= len(head):
                    return None
                pos += 1
                continue
            if dl.old_no != len(out) + 1:
                return None
            if dl.kind is LineKind.CONTEXT:
                if dl.new_no != pos + 1 or pos >= len(head) or head[pos] != dl.text:
                    return None
                pos += 1
            out.append(dl.text)
    out += head[pos:]
    return "".join(f"{line}\n" for line in out)
