"""Whole-tree scans (bot.analysis.tree_scan): what is analysed, what the cache reuses, and when a
cached result must not be reused (the file, or a file its flow analysis imported, changed)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.analysis import tree_scan
from bot.analysis.pipeline import RULE_PACK
from bot.analysis.scan_cache import FORMAT, ScanCache, decode, encode
from bot.analysis.semgrep import SemgrepRun, run_semgrep
from bot.analysis.static_pass import run_semgrep_split
from bot.analysis.tree_scan import scan_tree
from bot.analysis.tree_source import DirectorySource, GitRevSource
from bot.config.settings import Settings
from bot.core.coverage import FileState, SkipReason
from bot.errors import AnalyzerTimeout, InputError
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
    assert states["app/__init__.py"] == (FileState.SKIPPED, SkipReason.EMPTY)
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
    assert decode(text.replace(f'"format":{FORMAT}', '"format":0')) is None


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


SOURCE_CONST = """\
def command():
    return "ls -l"
"""
SOURCE_REQUEST = """\
from flask import request


def command():
    return request.args["c"]
"""
USER = """\
import subprocess

from pkg.source import command


def handler():
    return subprocess.call(command(), shell=True)
"""


class _Runner:
    """The real semgrep runner, recording which files each run was given."""

    def __init__(self, timeout_over: int | None = None, slow: str = "") -> None:
        self.calls: list[list[str]] = []
        self.timeout_over = timeout_over
        self.slow = slow

    def __call__(self, root: Path, relpaths: list[str], **kw: object) -> SemgrepRun:
        self.calls.append(list(relpaths))
        if self.timeout_over is not None and len(relpaths) > self.timeout_over:
            raise AnalyzerTimeout("semgrep did not finish within 1 s")
        if self.slow in relpaths:
            raise AnalyzerTimeout("semgrep did not finish within 1 s")
        return run_semgrep(root, relpaths, **kw)  # type: ignore[arg-type]

    @property
    def files(self) -> list[str]:
        return sorted(p for call in self.calls for p in call)


def test_an_imported_module_that_starts_returning_request_data_reaches_its_importer(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"pkg/__init__.py": "", "pkg/source.py": SOURCE_CONST, "pkg/user.py": USER})
    cache, settings = ScanCache(), _settings(tmp_path)
    cold = scan_tree(root, settings, cache=cache)
    assert ("pkg/user.py", "command-injection") not in _rules(cold)

    _write(root, {"pkg/source.py": SOURCE_REQUEST})
    runner = _Runner()
    warm = scan_tree(root, settings, cache=cache, semgrep_runner=runner)
    # the source's summary changed (it returns request data): the importer is analysed again, its
    # semgrep result coming from the engine cache (only the edited file went to semgrep)
    assert (warm.analysed, warm.cached) == (2, 0)
    assert runner.files == ["pkg/source.py"]
    assert ("pkg/user.py", "command-injection") in _rules(warm)
    assert _rules(scan_tree(root, settings, cache=ScanCache())) == _rules(warm)


def test_an_edit_that_keeps_the_imported_summaries_reuses_the_importers(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"pkg/__init__.py": "", "pkg/helper.py": HELPER, "pkg/caller.py": CALLER})
    cache, settings = ScanCache(), _settings(tmp_path)
    cold = scan_tree(root, settings, cache=cache)
    assert ("pkg/caller.py", "command-injection") in _rules(cold)

    edited = (
        HELPER.replace("(cmd):\n", '(cmd):\n    """Run it."""\n') + "\n# an edit that changes no summary\n"
    )
    _write(root, {"pkg/helper.py": edited})
    runner = _Runner()
    warm = scan_tree(root, settings, cache=cache, semgrep_runner=runner)
    assert (warm.analysed, warm.cached) == (1, 1)
    assert runner.files == ["pkg/helper.py"]
    assert _rules(warm) == _rules(cold)
    # the reused entry was stored again with the helper's new content: the next scan reuses it directly
    again = scan_tree(root, settings, cache=cache, semgrep_runner=runner)
    assert (again.analysed, again.cached) == (0, 2)


def test_a_tool_or_rule_pack_change_invalidates_every_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "tree"
    _write(root, {"app/views.py": VIEWS, "app/util.py": OTHER})
    cache, settings = ScanCache(), _settings(tmp_path)
    cold = scan_tree(root, settings, cache=cache)
    runner = _Runner()
    assert scan_tree(root, settings, cache=cache, semgrep_runner=runner).cached == 2
    assert runner.calls == []

    monkeypatch.setattr(tree_scan, "tool_versions", lambda: "semgrep=999.0;bandit=1.0")
    upgraded = scan_tree(root, settings, cache=cache, semgrep_runner=runner)
    assert (upgraded.analysed, upgraded.cached) == (2, 0)
    assert runner.files == ["app/util.py", "app/views.py"]  # no engine result was reused either
    assert _rules(upgraded) == _rules(cold)


def test_a_semgrep_run_that_times_out_is_retried_in_halves(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    files = {f"app/v{i}.py": VIEWS for i in range(4)} | {"app/util.py": OTHER}
    _write(root, files)
    settings = _settings(tmp_path)
    plain = scan_tree(root, settings)
    runner = _Runner(timeout_over=2)
    split = scan_tree(root, settings, semgrep_runner=runner)
    assert [len(c) for c in runner.calls] == [5, 2, 3, 1, 2]
    finished = sorted(p for call in runner.calls if len(call) <= 2 for p in call)
    assert finished == sorted(files)  # every file in exactly one run that finished
    assert split.review.complete and not split.review.failures
    assert [rf.finding for rf in split.review.findings] == [rf.finding for rf in plain.review.findings]


def test_a_file_semgrep_never_finishes_costs_its_own_result_only(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"app/slow.py": VIEWS, "app/a.py": HELPER, "app/b.py": OTHER})
    cache, settings = ScanCache(), _settings(tmp_path)
    runner = _Runner(slow="app/slow.py")
    result = scan_tree(root, settings, cache=cache, semgrep_runner=runner)
    coverage = {fc.path: fc for fc in result.review.coverage.files}
    assert RULE_PACK not in coverage["app/slow.py"].analyzers
    assert RULE_PACK in coverage["app/a.py"].analyzers and RULE_PACK in coverage["app/b.py"].analyzers
    assert any("did not finish" in f for f in result.review.failures)
    assert not result.review.complete
    # the flow analysis still ran on the slow file; nothing of this batch was cached
    assert ("app/slow.py", "sql-injection") in _rules(result)
    again = scan_tree(root, settings, cache=cache, semgrep_runner=_Runner())
    assert again.analysed == 3 and again.review.complete


def test_split_runs_merge_results_and_report_lost_files(tmp_path: Path) -> None:
    seen: list[list[str]] = []

    def runner(root: Path, relpaths: list[str], **_: object) -> SemgrepRun:
        seen.append(list(relpaths))
        if "x" in relpaths:
            raise AnalyzerTimeout("slow")
        return SemgrepRun([{"path": p} for p in relpaths], [], list(relpaths), "1.0")

    run, lost = run_semgrep_split(
        tmp_path, ["a", "b", "x", "c"], timeout=1, jobs=1, languages=[], runner=runner
    )
    assert lost == ["x"]
    assert sorted(r["path"] for r in run.results) == ["a", "b", "c"] and run.version == "1.0"
    assert seen == [["a", "b", "x", "c"], ["a", "b"], ["x", "c"], ["x"], ["c"]]
    _, lost = run_semgrep_split(tmp_path, ["x", "a"], timeout=1, jobs=1, languages=[], runner=runner, depth=0)
    assert lost == ["x", "a"]


INTERFACE_PROBE = """
import sys
from bot.analysis import flow
from bot.analysis.flow.project import Limits, Project

text = sys.stdin.read()
project = Project({"m.py": text}, None, Limits())
mod = project.module("m.py")
for key in mod.functions:
    project.summary(mod, key)
print(flow.interface(project, mod))
"""
MANY_SOURCES = """\
import os
import sys
from flask import request


def mixed(a, b, c):
    value = request.args["x"] + request.form["y"] + os.environ["Z"] + sys.argv[1] + request.cookies["k"]
    os.system(a + value)
    return {"q": value, "b": b, 1: c}
"""


def test_an_interface_digest_does_not_depend_on_the_process_hash_seed() -> None:
    """Digests are stored in the cache and compared in a later process: set order must not count."""
    digests = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", INTERFACE_PROBE],
            input=MANY_SOURCES,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.add(done.stdout.strip())
    assert len(digests) == 1 and len(digests.pop()) == 64


def test_an_interrupted_scan_keeps_the_batches_it_finished(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    _write(root, {"pkg/__init__.py": "", "pkg/helper.py": HELPER, "pkg/caller.py": CALLER, "z.py": OTHER})
    cache, settings = ScanCache(), _settings(tmp_path)
    calls: list[list[str]] = []

    def dies_on_the_third(root: Path, relpaths: list[str], **kw: object) -> SemgrepRun:
        calls.append(list(relpaths))
        if len(calls) == 3:
            raise RuntimeError("the worker was stopped")
        return run_semgrep(root, relpaths, **kw)  # type: ignore[arg-type]

    with pytest.raises(RuntimeError):
        scan_tree(root, settings, cache=cache, batch_files=1, semgrep_runner=dies_on_the_third)
    assert calls == [["pkg/caller.py"], ["pkg/helper.py"], ["z.py"]]
    assert cache.stores == 2  # the caller waited for the helper's interface, then both were written
    resumed = scan_tree(root, settings, cache=cache, batch_files=1)
    assert (resumed.analysed, resumed.cached) == (1, 2)
    assert ("pkg/caller.py", "command-injection") in _rules(resumed)
