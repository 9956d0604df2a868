"""Whole-tree scans (bot.analysis.tree_scan): what is analysed, what the cache reuses, and when a
cached result must not be reused (the file, or a file its flow analysis imported, changed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.analysis.scan_cache import ScanCache, decode, encode
from bot.analysis.tree_scan import scan_tree
from bot.analysis.tree_source import DirectorySource, GitRevSource
from bot.config.settings import Settings
from bot.core.coverage import FileState, SkipReason
from bot.errors import InputError
from tests.conftest import GitRepo

VIEWS = """\
import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/q")
def q():
    name = request.args["name"]
    conn = sqlite3.connect("x")
    return str(conn.execute("SELECT * FROM t WHERE name = '%s'" % name).fetchall())
"""
HELPER = """\
import subprocess


def run(cmd):
    return subprocess.call(cmd, shell=True)
"""
SAFE_HELPER = """\
import subprocess


def run(cmd):
    return subprocess.call(["echo", "fixed"])
"""
CALLER = """\
from flask import request

from pkg.helper import run


def handler():
    return run(request.args["cmd"])
"""
OTHER = "def add(a, b):\n    return a + b\n"


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", analyzer_jobs=1)


def _write(root: Path, files: dict[str, str | bytes | None]) -> None:
    for rel, content in files.items():
        target = root / rel
        if content is None:
            target.unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def _rules(result) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(rf.finding.path, rf.finding.category) for rf in result.review.findings}


def test_scan_cache_reuses_unchanged_files_and_reanalyses_what_changed(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(
        root,
        {
            "app/views.py": VIEWS,
            "app/util.py": OTHER,
            "app/other.py": OTHER + "\n# another\n",
            "img/logo.png": b"\x89PNG\x00\x00data",
            "app/__init__.py": "",
        },
    )
    cache = ScanCache()
    settings = _settings(tmp_path)
    seen: list[tuple[int, int]] = []
    cold = scan_tree(root, settings, cache=cache, progress=lambda d, t: seen.append((d, t)))
    assert (cold.files, cold.analysed, cold.cached) == (5, 3, 0)
    assert ("app/views.py", "sql-injection") in _rules(cold)
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    states = {fc.path: (fc.state, fc.reason) for fc in cold.review.coverage.files}
    assert states["img/logo.png"] == (FileState.SKIPPED, SkipReason.BINARY)
    assert states["app/__init__.py"] == (FileState.SKIPPED, SkipReason.NO_ADDED_LINES)
    assert states["app/views.py"][0] is FileState.ANALYSED
    assert cold.review.complete

    warm = scan_tree(root, settings, cache=cache)
    assert (warm.analysed, warm.cached) == (0, 3)
    assert [rf.finding for rf in warm.review.findings] == [rf.finding for rf in cold.review.findings]
    assert warm.review.coverage == cold.review.coverage

    _write(root, {"app/util.py": OTHER + "\n\ndef sub(a, b):\n    return a - b\n"})
    changed = scan_tree(root, settings, cache=cache)
    assert (changed.analysed, changed.cached) == (1, 2)
    assert _rules(changed) == _rules(cold)

    _write(root, {"app/views.py": None})
    dropped = scan_tree(root, settings, cache=cache)
    assert (dropped.analysed, dropped.cached) == (0, 2)
    assert "app/views.py" not in {fc.path for fc in dropped.review.coverage.files}
    assert not any(rf.finding.path == "app/views.py" for rf in dropped.review.findings)


def test_a_change_in_an_imported_file_invalidates_its_importers(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"pkg/__init__.py": "", "pkg/helper.py": HELPER, "pkg/caller.py": CALLER})
    cache = ScanCache()
    settings = _settings(tmp_path)
    cold = scan_tree(root, settings, cache=cache)
    assert ("pkg/caller.py", "command-injection") in _rules(cold)

    _write(root, {"pkg/helper.py": SAFE_HELPER})
    warm = scan_tree(root, settings, cache=cache)
    # the helper changed, and the caller's flow result depended on it: both analysed again
    assert (warm.analysed, warm.cached) == (2, 0)
    assert ("pkg/caller.py", "command-injection") not in _rules(warm)
    fresh = scan_tree(root, settings, cache=ScanCache())
    assert _rules(fresh) == _rules(warm)


def test_fingerprints_do_not_depend_on_batching_or_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"a/views.py": VIEWS, "b/views.py": VIEWS, "c/other.py": OTHER})
    settings = _settings(tmp_path)
    one_batch = scan_tree(root, settings)
    cache = ScanCache()
    small = scan_tree(root, settings, cache=cache, batch_files=1)
    cached = scan_tree(root, settings, cache=cache, batch_files=1)
    assert small.batches == 3 and cached.batches == 0
    prints = [sorted(rf.finding.fingerprint for rf in r.review.findings) for r in (one_batch, small, cached)]
    assert prints[0] == prints[1] == prints[2]
    assert len(set(prints[0])) == len(prints[0]) == 2  # two identical copies keep distinct identities


def test_a_cache_entry_round_trips_and_is_stored_redacted(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    secret = 'AWS_KEY = "AKIAIOSFODNN7EXAMPLQ"\n'
    _write(root, {"conf.py": secret})
    cache = ScanCache(tmp_path / "cache.sqlite3")
    result = scan_tree(root, _settings(tmp_path), cache=cache)
    assert cache.stores == 1
    cache.close()
    raw = (tmp_path / "cache.sqlite3").read_bytes()
    assert b"AKIAIOSFODNN7EXAMPLQ" not in raw
    warm = scan_tree(root, _settings(tmp_path), cache=ScanCache(tmp_path / "cache.sqlite3"))
    assert warm.cached == 1
    assert [rf.finding.fingerprint for rf in warm.review.findings] == [
        rf.finding.fingerprint for rf in result.review.findings
    ]


def test_encode_decode_is_an_identity(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"app/views.py": VIEWS})
    cache = ScanCache()
    scan_tree(root, _settings(tmp_path), cache=cache)
    (text,) = cache._memory.values()
    entry = decode(text)
    assert entry is not None and encode(entry) == text
    assert decode(text.replace('"format":1', '"format":0')) is None


def test_large_and_excluded_files_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"big.py": "x = 1\n" * 100, "docs/a.py": VIEWS, "ok.py": OTHER})
    settings = Settings(data_dir=tmp_path / "d", max_file_bytes=200, exclude_paths=("docs/**",))
    result = scan_tree(root, settings)
    states = {fc.path: (fc.state, fc.reason) for fc in result.review.coverage.files}
    assert states["big.py"] == (FileState.SKIPPED, SkipReason.TOO_LARGE)
    assert states["docs/a.py"] == (FileState.SKIPPED, SkipReason.EXCLUDED)
    assert not result.review.complete  # a file too large to analyse makes the scan partial
    assert result.analysed == 1


def test_rev_reads_the_commit_without_touching_the_work_tree(make_repo: Callable[[str], GitRepo]) -> None:
    repo = make_repo("repo")
    first = repo.commit({"app/views.py": VIEWS})
    repo.commit({"app/views.py": OTHER, "app/new.py": OTHER})
    (repo.path / "app" / "untracked.py").write_text(VIEWS)
    status_before = repo.git("status", "--porcelain")
    head_before = repo.git("rev-parse", "HEAD")
    with GitRevSource(repo.path, first) as source:
        assert list(source.paths()) == ["app/views.py"]
        result = scan_tree(source, Settings(data_dir=repo.path.parent / "d"))
    assert ("app/views.py", "sql-injection") in _rules(result)
    assert repo.git("status", "--porcelain") == status_before
    assert repo.git("rev-parse", "HEAD") == head_before
    # the work tree itself: git's listing (tracked and untracked, not ignored)
    assert list(DirectorySource(repo.path).paths()) == ["app/new.py", "app/untracked.py", "app/views.py"]


def test_bad_sources_are_input_errors(tmp_path: Path, make_repo: Callable[[str], GitRepo]) -> None:
    with pytest.raises(InputError, match="not a directory"):
        scan_tree(tmp_path / "missing", _settings(tmp_path))
    with pytest.raises(InputError, match="not a git repository"):
        GitRevSource(tmp_path, "HEAD")
    repo = make_repo("r")
    repo.commit({"a.py": OTHER})
    with pytest.raises(InputError, match="unknown revision"):
        GitRevSource(repo.path, "nope")
    with pytest.raises(InputError, match="unknown revision"):
        GitRevSource(repo.path, "--output=/tmp/x")


def test_links_and_git_internals_are_never_followed(
    tmp_path: Path, make_repo: Callable[[str], GitRepo]
) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text(VIEWS)
    root = tmp_path / "tree"
    _write(root, {"ok.py": OTHER, ".git/config.py": VIEWS, "odd\tname\n.py": OTHER})
    (root / "link.py").symlink_to(outside)
    (root / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    source = DirectorySource(root)
    assert list(source.paths()) == ["odd\tname\n.py", "ok.py"]
    assert source.read("link.py") is None and source.read("../outside.py") is None
    repo = make_repo("linked")
    (repo.path / "link.py").symlink_to(outside)
    repo.commit({"ok.py": OTHER})
    with GitRevSource(repo.path, "HEAD") as rev:
        assert list(rev.paths()) == ["ok.py"]
        assert rev.read("link.py") is None and rev.size("ok.py") == len(OTHER)
        assert rev.read("ok.py") == OTHER.encode() and rev.read("ok.py") == OTHER.encode()
