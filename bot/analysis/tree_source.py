"""Where a whole-tree scan reads files from: a directory, or a git revision read without a checkout.

A source lists its paths (sorted, streamed) and reads one file at a time, so a scan never holds the
tree's contents. Nothing here writes to the repository: a revision is read with ``git ls-tree`` and
one long-lived ``git cat-file --batch`` process, with hooks, fsmonitor and text conversion switched off.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol

from bot.errors import InputError

GIT_SAFE = [
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.quotepath=false",
]


class TreeSource(Protocol):
    """A tree to scan: its file paths (repository-relative, '/'-separated, sorted) and contents."""

    label: str

    def paths(self) -> Iterator[str]: ...

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when it is not a regular file of the tree."""
        ...

    def size(self, path: str) -> int | None:
        """The file's size in bytes without reading it, or None when it is not there."""
        ...

    def close(self) -> None: ...


def _fs_path(path: str) -> str:
    return os.fsdecode(os.fsencode(path))


class DirectorySource:
    """Files under a directory; ``.git`` directories and symbolic links are never followed.

    In a git working tree the listing is git's (tracked files plus untracked ones not ignored), so a
    virtualenv or build output the repository ignores is not scanned; elsewhere every regular file."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise InputError(f"not a directory: {root}")
        self.root = root.resolve()
        self.label = str(root)

    def _git_listing(self) -> list[str] | None:
        probe = _run_git(self.root, "rev-parse", "--show-prefix", check=False)
        if probe.returncode != 0 or probe.stdout.strip():
            return None  # not a work tree, or PATH is a sub-directory of one: walk it
        out = _run_git(self.root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", check=False)
        if out.returncode != 0:
            return None
        names = out.stdout.decode("utf-8", errors="surrogateescape").split("\0")
        return sorted({n for n in names if n})

    def paths(self) -> Iterator[str]:
        listed = self._git_listing()
        if listed is not None:
            for name in listed:  # a tracked file deleted or replaced by a link in the work tree: not there
                full = self.root / _fs_path(name)
                if full.is_file() and not full.is_symlink():
                    yield name
            return
        yield from sorted(self._walk())

    def _walk(self) -> Iterator[str]:
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames[:] = [d for d in dirnames if d != ".git"]
            rel = os.path.relpath(dirpath, self.root)
            for name in filenames:
                full = os.path.join(dirpath, name)
                if os.path.islink(full):
                    continue
                yield name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}"

    def read(self, path: str) -> bytes | None:
        target = (self.root / _fs_path(path)).resolve()
        if self.root not in target.parents or target.is_symlink() or not target.is_file():
            return None
        try:
            return target.read_bytes()
        except OSError:
            return None

    def size(self, path: str) -> int | None:
        try:
            return (self.root / _fs_path(path)).lstat().st_size
        except OSError:
            return None

    def close(self) -> None:
        return None


def _run_git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(
            ["git", *GIT_SAFE, "-C", str(repo), *args],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise InputError(f"cannot run git: {exc}") from exc
    if check and proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise InputError(f"git {args[0]} failed: {msg[-1] if msg else 'exit ' + str(proc.returncode)}")
    return proc


class GitRevSource:
    """The tree of a commit, read from the object database: nothing is checked out or written."""

    def __init__(self, repo: Path, rev: str) -> None:
        if not repo.is_dir():
            raise InputError(f"not a directory: {repo}")
        if _run_git(repo, "rev-parse", "--git-dir", check=False).returncode != 0:
            raise InputError(f"not a git repository: {repo}")
        if rev.startswith("-"):
            raise InputError(f"unknown revision: {rev}")
        proc = _run_git(
            repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
        )
        if proc.returncode != 0:
            raise InputError(f"unknown revision: {rev}")
        self.repo = repo
        self.commit = proc.stdout.decode().strip()
        self.label = f"{repo}@{self.commit[:12]}"
        self._blobs: dict[str, tuple[str, int]] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    def _listing(self) -> dict[str, tuple[str, int]]:
        if self._blobs is None:
            out = _run_git(
                self.repo, "ls-tree", "-r", "-z", "-l", "--full-tree", "--end-of-options", self.commit
            )
            blobs: dict[str, tuple[str, int]] = {}
            for entry in out.stdout.split(b"\0"):
                if not entry:
                    continue
                meta, _, name = entry.partition(b"\t")
                mode, kind, oid, size = meta.split()
                # regular files only: no symlinks (120000) and no submodules (commit entries)
                if kind == b"blob" and mode in (b"100644", b"100755"):
                    blobs[name.decode("utf-8", errors="surrogateescape")] = (oid.decode(), int(size))
            self._blobs = blobs
        return self._blobs

    def paths(self) -> Iterator[str]:
        yield from sorted(self._listing())

    def _batch(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._proc is None:
            self._proc = subprocess.Popen(
                ["git", *GIT_SAFE, "-C", str(self.repo), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        stdin, stdout = self._proc.stdin, self._proc.stdout
        if stdin is None or stdout is None:  # both are pipes by construction
            raise OSError("git cat-file has no pipes")
        return stdin, stdout

    def size(self, path: str) -> int | None:
        entry = self._listing().get(path)
        return entry[1] if entry else None

    def read(self, path: str) -> bytes | None:
        entry = self._listing().get(path)
        if entry is None:
            return None
        oid = entry[0]
        stdin, stdout = self._batch()
        stdin.write(f"{oid}\n".encode())
        stdin.flush()
        header = stdout.readline().split()
        if len(header) != 3 or header[1] != b"blob":
            return None
        size = int(header[2])
        data = stdout.read(size)
        stdout.read(1)  # the newline after the contents
        return data

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            if proc.stdin is not None:
                proc.stdin.close()
            proc.wait(timeout=30)
            if proc.stdout is not None:
                proc.stdout.close()

    def __enter__(self) -> GitRevSource:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
