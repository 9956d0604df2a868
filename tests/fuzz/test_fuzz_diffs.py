"""Fuzz: diff parsing (bot/core/diffmap.py, bot/cli/sources.py). Any bytes are a ChangeSet or one
DiffError (InputError on the command line), never another exception; a diff difflib writes between
two random texts maps to exactly the lines difflib added; and a checkout reader never returns a file
from outside its directory, whatever path a diff names."""

from __future__ import annotations

import contextlib
import difflib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli.sources import diff_change, tree_reader
from bot.core.diffmap import DiffError, parse_diff
from bot.core.models import LineKind
from bot.errors import InputError

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER_LINES = st.sampled_from(
    [
        "diff --git a/app.py b/app.py",
        "--- a/app.py",
        "+++ b/app.py",
        "--- /dev/null",
        "+++ /dev/null",
        "new file mode 100644",
        "deleted file mode 100644",
        "similarity index 90%",
        "rename from old.py",
        "rename to new.py",
        "copy from a.py",
        "copy to b.py",
        "Binary files a/x.bin and b/x.bin differ",
        "\\ No newline at end of file",
        "@@ -1 +1 @@",
        "@@ -1,3 +1,4 @@",
        "@@ -0,0 +1,2 @@ def f():",
        "@@ -99999999999999999999,1 +1,99999999999999999999 @@",
    ]
)
BODY_LINES = st.builds(
    lambda mark, text: mark + text, st.sampled_from([" ", "+", "-", ""]), st.text(max_size=20)
)
DIFFISH = st.lists(st.one_of(HEADER_LINES, BODY_LINES), max_size=25).map(
    lambda lines: "\n".join(lines) + "\n"
)
LINES = st.lists(st.text(alphabet="abc xyz=()\t'\"", max_size=12), max_size=25)


@FUZZ
@given(data=st.one_of(st.binary(max_size=400), DIFFISH.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_are_a_changeset_or_a_diff_error(data):
    try:
        changeset = parse_diff(data)
    except DiffError:
        pass
    else:
        for change in changeset.files:
            assert change.added_lines <= change.commentable_lines
            for hunk in change.hunks:
                for line in hunk.lines:
                    assert (line.kind is LineKind.REMOVED) == (line.new_no is None)
    with contextlib.suppress(InputError):
        diff_change(data)


def _added_by_difflib(old: list[str], new: list[str]) -> set[int]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    added: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("insert", "replace"):
            added |= set(range(j1 + 1, j2 + 1))
    return added


@FUZZ
@given(old=LINES, new=LINES, context=st.integers(min_value=0, max_value=4))
def test_a_well_formed_diff_maps_to_exactly_the_added_lines(old, new, context):
    body = list(
        difflib.unified_diff(
            [line + "\n" for line in old], [line + "\n" for line in new], "a/app.py", "b/app.py", n=context
        )
    )
    if not body:
        return  # identical texts: no diff to parse
    text = "diff --git a/app.py b/app.py\n" + "".join(body)
    (change,) = parse_diff(text).files
    assert change.path == "app.py"
    assert set(change.added_lines) == _added_by_difflib(old, new)
    for hunk in change.hunks:
        for line in hunk.lines:
            if line.kind is LineKind.ADDED:
                assert line.text == new[line.new_no - 1]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("fuzz-reader")
    (top / "secret.txt").write_text("OUTSIDE")
    root = top / "repo"
    (root / "app").mkdir(parents=True)
    (root / "app" / "views.py").write_text("INSIDE")
    (root / "link").symlink_to(top / "secret.txt")
    (root / "dirlink").symlink_to(top)
    return root


PARTS = st.sampled_from(
    ["..", ".", "app", "views.py", "secret.txt", "link", "dirlink", "repo", "", "/", "//"]
)


@FUZZ
@given(path=st.one_of(st.lists(PARTS, max_size=6).map("/".join), st.text(max_size=30)))
def test_the_checkout_reader_never_reads_outside_its_directory(checkout, path):
    read = tree_reader(checkout)
    try:
        content = read(path)
    except ValueError:  # a NUL byte in a path: the OS refuses it before anything is read
        assert "\x00" in path
        return
    assert content in (None, b"INSIDE"), path
