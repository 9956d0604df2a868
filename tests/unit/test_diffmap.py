"""Diff mapping on real ``git diff`` output: renames, copies, modes, binary, CRLF, bad bytes."""

from __future__ import annotations

import pytest

from bot.cli.sources import git_change
from bot.core.diffmap import DiffError, parse_diff
from bot.core.models import FileStatus, LineKind
from tests.conftest import GitRepo


def _edge_repo(repo: GitRepo) -> tuple[str, str]:
    base = repo.commit(
        {
            "keep.txt": "a\nb\nc\n",
            "crlf.py": "x = 1\r\ny = 2\r\n",
            "latin.py": b"# caf\xe9\nx = 1\n",
            "gone.py": "old = True\n",
            "big.py": "".join(f"v{i} = {i}\n" for i in range(30)),
            "image.bin": b"\x00\x01\x02binary",
            "run.sh": "#!/bin/sh\necho hi\n",
        }
    )
    repo.git("mv", "keep.txt", "renamed.txt")
    repo.git("rm", "-q", "gone.py")
    head = repo.commit(
        {
            "renamed.txt": "a\nb\nc\nd",
            "crlf.py": "x = 1\r\ny = 3\r\nz = 4\r\n",
            "latin.py": b"# caf\xe9\nx = 1\ny = '\xff'\n",
            "copy_of_big.py": "".join(f"v{i} = {i}\n" for i in range(30)) + "extra = 1\n",
            "image.bin": b"\x00\x02\x03binary",
        }
    )
    (repo.path / "run.sh").chmod(0o755)
    head = repo.commit({}, "mode")
    return base, head


def test_real_git_diff_edge_cases(make_repo):
    repo = make_repo("edge")
    base, head = _edge_repo(repo)
    changeset, read = git_change(repo.path, base, head)
    by_path = {f.path: f for f in changeset.files}

    renamed = by_path["renamed.txt"]
    assert renamed.status is FileStatus.RENAMED and renamed.old_path == "keep.txt"
    assert renamed.added_lines == {4}  # "\ No newline at end of file" is not a line

    # git reports a copy only when its source changed in the same diff; big.py did not, so the
    # copy is a new file whose every line is added (the copy case is tested just below).
    copied = by_path["copy_of_big.py"]
    assert (copied.status, copied.old_path) == (FileStatus.ADDED, None)
    assert copied.added_lines == set(range(1, 32))

    crlf = by_path["crlf.py"]
    assert crlf.added_lines == {2, 3}
    texts = [dl.text for h in crlf.hunks for dl in h.lines if dl.kind is LineKind.ADDED]
    assert texts == ["y = 3", "z = 4"]  # no stray carriage returns

    latin = by_path["latin.py"]
    assert latin.added_lines == {3}
    assert "\ufffd" in [dl.text for h in latin.hunks for dl in h.lines][-1]

    assert by_path["gone.py"].status is FileStatus.DELETED
    assert by_path["gone.py"].added_lines == frozenset()
    assert by_path["image.bin"].is_binary
    mode = by_path["run.sh"]
    assert (mode.old_mode, mode.new_mode) == ("100644", "100755") and not mode.hunks
    assert mode.language == "shell"
    assert read("renamed.txt") == b"a\nb\nc\nd"
    assert read("gone.py") is None


def test_a_copy_git_detects_is_copied_from_its_source_with_only_its_own_lines_added(make_repo):
    repo = make_repo("copies")
    big = "".join(f"v{i} = {i}\n" for i in range(30))
    base = repo.commit({"big.py": big})
    head = repo.commit({"big.py": big + "changed = 2\n", "copy_of_big.py": big + "extra = 1\n"})
    changeset, _read = git_change(repo.path, base, head)
    by_path = {f.path: f for f in changeset.files}
    copied = by_path["copy_of_big.py"]
    assert (copied.status, copied.old_path) == (FileStatus.COPIED, "big.py")
    assert copied.added_lines == {31}
    assert by_path["big.py"].status is FileStatus.MODIFIED and by_path["big.py"].added_lines == {31}


def test_commentable_lines_include_context_not_removed():
    diff = (
        "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
        "@@ -1,3 +1,3 @@\n ctx = 1\n-old = 2\n+new = 2\n ctx2 = 3\n"
    )
    f = parse_diff(diff).files[0]
    assert f.added_lines == {2}
    assert f.commentable_lines == {1, 2, 3}
    assert f.language == "python"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("hello, this is not a diff\n", "no file changes"),
        ("--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n", "malformed"),
    ],
)
def test_bad_diffs_raise_clear_errors(text, message):
    with pytest.raises(DiffError, match=message):
        parse_diff(text)


def test_plain_diff_u_without_git_headers():
    diff = "--- old/app.js\t2024-01-01\n+++ new/app.js\t2024-01-02\n@@ -1 +1,2 @@\n a();\n+b();\n"
    f = parse_diff(diff).files[0]
    assert f.added_lines == {2}
    assert f.language == "javascript"
