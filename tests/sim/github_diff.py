"""Unified diffs as GitHub sees them: files, hunks, line numbers and deprecated positions; comment anchors.

Pure data and parsing: imports nothing else from the simulator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass
class DiffLine:
    kind: str  # " ", "+", "-" or "\\"
    old: int | None
    new: int | None
    position: int  # GitHub's deprecated diff position (1 = line below the first @@)
    text: str


@dataclass
class Hunk:
    header: str
    header_position: int
    lines: list[DiffLine] = field(default_factory=list)


@dataclass
class ChangedFile:
    filename: str
    status: str = "modified"  # added | removed | modified | renamed
    previous_filename: str | None = None
    hunks: list[Hunk] = field(default_factory=list)
    binary: bool = False
    omit_patch: bool = False
    """GitHub leaves ``patch`` out (a diff too large to show); GitLab marks the entry ``too_large``."""

    @property
    def patch(self) -> str | None:
        if self.binary or not self.hunks:
            return None
        return "\n".join(line for h in self.hunks for line in [h.header, *(d.text for d in h.lines)])

    @property
    def additions(self) -> int:
        return sum(d.kind == "+" for h in self.hunks for d in h.lines)

    @property
    def deletions(self) -> int:
        return sum(d.kind == "-" for h in self.hunks for d in h.lines)

    def find(self, side: str, line: int) -> tuple[int, DiffLine] | None:
        """The hunk index and diff line holding `line` on `side` (RIGHT: new numbers, LEFT: old numbers)."""
        for index, hunk in enumerate(self.hunks):
            for d in hunk.lines:
                if side == "RIGHT" and d.kind in " +" and d.new == line:
                    return index, d
                if side == "LEFT" and d.kind in " -" and d.old == line:
                    return index, d
        return None

    def at_position(self, position: int) -> tuple[int, DiffLine] | None:
        for index, hunk in enumerate(self.hunks):
            for d in hunk.lines:
                if d.position == position and d.kind != "\\":
                    return index, d
        return None

    def diff_hunk(self, index: int, upto: DiffLine) -> str:
        hunk = self.hunks[index]
        lines = [hunk.header]
        for d in hunk.lines:
            lines.append(d.text)
            if d is upto:
                break
        return "\n".join(lines)


def parse_unified_diff(text: str) -> list[ChangedFile]:
    """Split a `git diff` / unified diff into files with hunks and GitHub's line numbering."""
    files: list[ChangedFile] = []
    current: ChangedFile | None = None
    old_left = new_left = 0
    old_no = new_no = position = 0
    for raw in text.splitlines():
        if old_left > 0 or new_left > 0:
            assert current is not None
            kind = raw[:1] or " "
            position += 1
            if kind == "\\":
                current.hunks[-1].lines.append(DiffLine("\\", None, None, position, raw))
                continue
            d = DiffLine(
                kind, old_no if kind in " -" else None, new_no if kind in " +" else None, position, raw
            )
            current.hunks[-1].lines.append(d)
            old_no, old_left = (old_no + 1, old_left - 1) if kind in " -" else (old_no, old_left)
            new_no, new_left = (new_no + 1, new_left - 1) if kind in " +" else (new_no, new_left)
            continue
        if raw.startswith("\\") and current is not None and current.hunks:
            position += 1
            current.hunks[-1].lines.append(DiffLine("\\", None, None, position, raw))
        elif raw.startswith("diff --git "):
            current = ChangedFile(raw.split(" b/", 1)[-1])
            files.append(current)
            position = 0
        elif raw.startswith("--- ") and (current is None or current.hunks):
            current = ChangedFile("")
            files.append(current)
            position = 0
            if raw == "--- /dev/null":
                current.status = "added"
            else:
                current.previous_filename = raw[4:].removeprefix("a/").split("\t")[0]
        elif raw.startswith("--- ") and current is not None and raw == "--- /dev/null":
            current.status = "added"
        elif raw.startswith("+++ ") and current is not None:
            if raw == "+++ /dev/null":
                current.status = "removed"
            else:
                current.filename = raw[4:].removeprefix("b/").split("\t")[0]
        elif current is not None and raw.startswith("new file mode"):
            current.status = "added"
        elif current is not None and raw.startswith("deleted file mode"):
            current.status = "removed"
        elif current is not None and raw.startswith("rename from "):
            current.status, current.previous_filename = "renamed", raw[len("rename from ") :]
        elif current is not None and raw.startswith("rename to "):
            current.filename = raw[len("rename to ") :]
        elif current is not None and raw.startswith("Binary files "):
            current.binary = True
        elif (m := _HUNK.match(raw)) and current is not None:
            old_no, new_no = int(m.group(1)), int(m.group(3))
            old_left = int(m.group(2)) if m.group(2) is not None else 1
            new_left = int(m.group(4)) if m.group(4) is not None else 1
            position = position + 1 if current.hunks else 0
            current.hunks.append(Hunk(raw, position))
    for f in files:
        if f.filename == "":
            f.filename = f.previous_filename or ""
        if f.status != "renamed":
            f.previous_filename = None
    return files


def resolve_comment(files: dict[str, ChangedFile], c: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Check one review comment against the diff as GitHub does; return (errors, resolved anchor)."""
    f = files.get(c["path"])
    if f is None:
        return ["Path could not be resolved"], {}
    if c.get("subject_type") == "file":
        return [], {"subject_type": "file", "line": None, "side": None, "hunk": 0, "at": None}
    if c.get("position") is not None and c.get("line") is None:
        found = f.at_position(int(c["position"]))
        if found is None:
            return ["Position could not be resolved"], {}
        side = "LEFT" if found[1].kind == "-" else "RIGHT"
        line = found[1].old if side == "LEFT" else found[1].new
        return [], {"line": line, "side": side, "hunk": found[0], "at": found[1], "subject_type": "line"}
    if c.get("line") is None:
        return ["Line could not be resolved"], {}
    side = c.get("side") or "RIGHT"
    found = f.find(side, int(c["line"]))
    if found is None:
        return ["Line could not be resolved", "pull_request_review_thread.line must be part of the diff"], {}
    anchor: dict[str, Any] = {
        "line": int(c["line"]),
        "side": side,
        "hunk": found[0],
        "at": found[1],
        "subject_type": "line",
        "start_line": None,
        "start_side": None,
    }
    if c.get("start_line") is not None:
        start_side = c.get("start_side") or side
        start = f.find(start_side, int(c["start_line"]))
        if start is None:
            return [
                "Start line could not be resolved",
                "pull_request_review_thread.start_line must be part of the diff",
            ], {}
        if start_side != side:
            return ["pull_request_review_thread.start_side must be the same as side"], {}
        if int(c["start_line"]) >= int(c["line"]):
            return ["pull_request_review_thread.start_line must precede the end line."], {}
        if start[0] != found[0]:
            return ["pull_request_review_thread.start_line must be part of the same hunk as the line."], {}
        anchor.update(start_line=int(c["start_line"]), start_side=start_side)
    return [], anchor
