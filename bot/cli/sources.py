"""Where a change comes from on the command line: a local git checkout or a unified diff file.

Bad input raises ``InputError`` with one line a person can act on. git runs with hooks,
fsmonitor, external diff drivers and text conversion switched off, and fixed path prefixes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bot.analysis.workspace import Reader
from bot.core.diffmap import DiffError, parse_diff
from bot.core.models import ChangeSet
from bot.errors import InputError

_GIT_SAFE = [
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "diff.noprefix=false",
    "-c",
    "diff.mnemonicPrefix=false",
    "-c",
    "core.quotepath=false",
    "-c",
    "diff.external=",
]


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(
            ["git", *_GIT_SAFE, "-C", str(repo), *args],
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


def _resolve(repo: Path, rev: str) -> str:
    if rev.startswith("-"):
        raise InputError(f"unknown revision: {rev}")
    proc = _git(
        repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False
    )
    if proc.returncode != 0:
        raise InputError(f"unknown revision: {rev}")
    return proc.stdout.decode().strip()


def git_change(repo: Path, base: str, head: str | None = None) -> tuple[ChangeSet, Reader]:
    """The change from the merge base of ``base`` and ``head`` (default HEAD) to ``head``,
    as a pull request would show it, and a reader of file contents at ``head``."""
    if not repo.is_dir():
        raise InputError(f"not a directory: {repo}")
    probe = _git(repo, "rev-parse", "--is-inside-work-tree", check=False)
    if probe.returncode != 0:
        probe = _git(repo, "rev-parse", "--is-bare-repository", check=False)
        if probe.returncode != 0:
            raise InputError(f"not a git repository: {repo}")
    base_sha = _resolve(repo, base)
    head_sha = _resolve(repo, head or "HEAD")
    mb = _git(repo, "merge-base", base_sha, head_sha, check=False)
    start = mb.stdout.decode().strip() if mb.returncode == 0 and mb.stdout.strip() else base_sha
    diff = _git(
        repo,
        "diff",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--find-renames",
        "--find-copies",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        start,
        head_sha,
    ).stdout
    if not diff.strip():
        raise InputError(f"no changes between {base} and {head or 'HEAD'}")
    try:
        changeset = parse_diff(diff, base=start, head=head_sha)
    except DiffError as exc:
        raise InputError(str(exc)) from exc
    return changeset, _batch_reader(repo, head_sha, [f.path for f in changeset.files])


EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
"""git's empty tree: the base of a first commit's staged change."""


def staged_change(repo: Path) -> tuple[ChangeSet, Reader]:
    """What ``git commit`` would record now: the index against HEAD (or against nothing before the
    first commit), with contents read from the index. For pre-commit hooks."""
    probe = _git(repo, "rev-parse", "--is-inside-work-tree", check=False)
    if not repo.is_dir() or probe.returncode != 0:
        raise InputError(f"not a git working tree: {repo}")
    has_head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD", check=False).returncode == 0
    base = "HEAD" if has_head else EMPTY_TREE
    diff = _git(
        repo,
        "diff",
        "--cached",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--find-renames",
        "--src-prefix=a/",
        "--dst-prefix=b/",
        base,
    ).stdout
    if not diff.strip():
        raise InputError("nothing is staged")
    try:
        changeset = parse_diff(diff)
    except DiffError as exc:
        raise InputError(str(exc)) from exc
    return changeset, _batch_reader(repo, "", [f.path for f in changeset.files])


def _batch_reader(repo: Path, rev: str, paths: list[str]) -> Reader:
    """A reader that fetches every path at ``rev`` with one ``git cat-file --batch`` process."""
    cache: dict[str, bytes | None] = {}

    def load() -> None:
        wanted = [p for p in paths if "\n" not in p]
        request = "".join(f"{rev}:{p}\n" for p in wanted).encode("utf-8", errors="surrogateescape")
        proc = subprocess.run(
            ["git", *_GIT_SAFE, "-C", str(repo), "cat-file", "--batch"],
            input=request,
            capture_output=True,
            check=False,
        )
        out = proc.stdout
        pos = 0
        for p in wanted:
            nl = out.find(b"\n", pos)
            if nl == -1:
                break
            header = out[pos:nl].split()
            pos = nl + 1
            if len(header) >= 2 and header[-1] == b"missing":
                cache[p] = None
                continue
            if len(header) != 3:
                cache[p] = None
                continue
            size = int(header[2])
            cache[p] = out[pos : pos + size] if header[1] == b"blob" else None
            pos += size + 1

    def read(path: str) -> bytes | None:
        if not cache:
            load()
        return cache.get(path)

    return read


def read_diff(source: str) -> bytes:
    """The diff bytes from a file path, or standard input for ``-``."""
    if source == "-":
        return sys.stdin.buffer.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"diff file not found: {source}") from None
    except IsADirectoryError:
        raise InputError(f"diff path is a directory: {source}") from None
    except OSError as exc:
        raise InputError(f"cannot read diff {source}: {exc.strerror}") from None


def diff_change(data: bytes) -> ChangeSet:
    try:
        return parse_diff(data)
    except DiffError as exc:
        raise InputError(str(exc)) from exc


def tree_reader(root: Path) -> Reader:
    """Contents from a directory (a checkout at the head of the change); never outside it."""
    if not root.is_dir():
        raise InputError(f"not a directory: {root}")
    base = root.resolve()

    def read(path: str) -> bytes | None:
        target = (base / path).resolve()
        if base not in target.parents or not target.is_file():
            return None
        try:
            return target.read_bytes()
        except OSError:
            return None

    return read


def tree_files(repo: Path, rev: str, wanted: Callable[[str], bool]) -> dict[str, bytes]:
    """The files at ``rev`` whose path ``wanted`` accepts, read with one git process."""
    commit = _resolve(repo, rev)
    listing = _git(repo, "ls-tree", "-r", "-z", "--name-only", "--end-of-options", commit).stdout
    paths = [p for p in listing.decode("utf-8", errors="surrogateescape").split("\0") if p and wanted(p)]
    read = _batch_reader(repo, commit, paths)
    found = {}
    for path in paths:
        data = read(path)
        if data is not None:
            found[path] = data
    return found
