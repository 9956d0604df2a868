"""Removed length and nil checks whose guarded use still stands (Go, Java): bot.analysis.guarded_uses."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.guarded_uses import LENGTH_RULE, NIL_RULE, find_guarded_uses
from bot.core.diffmap import parse_diff


def _hunk(path: str, before: list[str], removed: list[str], after: list[str], added: list[str] = ()) -> str:
    body = "".join(f" {b}\n" for b in before) + "".join(f"-{r}\n" for r in removed)
    body += "".join(f"+{a}\n" for a in added) + "".join(f" {a}\n" for a in after)
    old = len(before) + len(removed) + len(after)
    new = len(before) + len(added) + len(after)
    head = f"@@ -1,{old} +1,{new} @@\n"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + head + body


def _found(diff: str) -> list[tuple[str, int]]:
    return [(f.rule_id, f.start_line) for f in find_guarded_uses(parse_diff(diff))]


# a STUN-style attribute decoder: the length of the attribute was checked before its
# bytes were sliced; a short attribute then panicked with an index out of range
STUN_GUARD = ["\tif len(v) <= 4 {", "\t\treturn io.ErrUnexpectedEOF", "\t}"]
STUN_BEFORE = ["\tv, err := m.Get(t)", "\tif err != nil {", "\t\treturn err", "\t}"]
STUN_AFTER = ["\tfamily := bin.Uint16(v[0:2])", "\tif family != familyIPv6 && family != familyIPv4 {"]


def test_a_removed_length_check_before_a_slice_is_a_finding():
    assert _found(_hunk("xoraddr.go", STUN_BEFORE, STUN_GUARD, STUN_AFTER)) == [(LENGTH_RULE, 5)]


def test_a_removed_java_length_check_before_an_index_is_a_finding():
    guard = [
        "        if (buf.length < 4) {",
        '            throw new DecodeException("short header");',
        "        }",
    ]
    after = ["        int kind = buf[0] & 0xff;", "        int size = buf[3];"]
    assert _found(_hunk("src/Frame.java", ["    int read(byte[] buf) {"], guard, after)) == [(LENGTH_RULE, 2)]


def test_a_length_check_rewritten_or_not_guarding_an_index_stays_quiet():
    # the bound changed in place (a fix's own shape): the length is still read on an added line
    rewritten = _hunk(
        "xoraddr.go",
        STUN_BEFORE,
        STUN_GUARD,
        STUN_AFTER,
        ["\tif len(v) < 8 {", "\t\treturn io.ErrUnexpectedEOF", "\t}"],
    )
    assert _found(rewritten) == []
    # a length that guarded something other than an index of the same name
    other = [
        "\tfmt.Println(len(names))",
        '\treturn strings.Join(names, ",")',
    ]
    assert (
        _found(_hunk("names.go", [], ["\tif len(names) > 100 {", "\t\treturn errTooMany", "\t}"], other))
        == []
    )
    # a name that only ends like the checked one (`nv[0]` is not `v[0]`)
    assert _found(_hunk("xoraddr.go", STUN_BEFORE, STUN_GUARD, ["\tfamily := bin.Uint16(nv[0:2])"])) == []


def test_a_removed_err_check_before_the_value_is_used_is_a_finding():
    before = ["func load(path string) string {", "\tf, err := parse(path)"]
    guard = ["\tif err != nil {", '\t\treturn ""', "\t}"]
    assert _found(_hunk("conf.go", before, guard, ["\treturn f.Name"])) == [(NIL_RULE, 3)]
    java = _hunk(
        "src/Users.java",
        ["    User u = repo.find(id);"],
        ["    if (u == null) {", "        throw new NotFound(id);", "    }"],
        ["    return u.getName();"],
    )
    assert _found(java) == [(NIL_RULE, 2)]


def test_nil_checks_that_stay_or_guard_nothing_used_are_quiet():
    before = ["func load(path string) string {", "\tf, err := parse(path)"]
    guard = ["\tif err != nil {", '\t\treturn ""', "\t}"]
    # the check rewritten (wrapped error)
    rewritten = ["\tif err != nil {", "\t\treturn fmt.Sprint(err)", "\t}"]
    assert _found(_hunk("conf.go", before, guard, ["\treturn f.Name"], rewritten)) == []
    # the value is not dereferenced after it
    assert _found(_hunk("conf.go", before, guard, ["\treturn describe(f)"])) == []
    # the error of a call whose value is discarded
    assert _found(_hunk("conf.go", ["\t_, err := parse(path)"], guard, ["\treturn cfg.Name"])) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet='if(len) <>=!nil{}[]:.,ab_ \t"return', max_size=120), min_size=1, max_size=8),
    st.lists(st.text(alphabet='if(len) <>=!nil{}[]:.,ab_ \t"return', max_size=120), max_size=8),
)
def test_any_hunk_is_read_without_error(removed, kept):
    removed = [r.replace("\n", " ") for r in removed]
    kept = [k.replace("\n", " ") for k in kept]
    for path in ("a.go", "A.java"):
        for f in find_guarded_uses(parse_diff(_hunk(path, [], removed, kept))):
            assert f.rule_id in (LENGTH_RULE, NIL_RULE)


def test_long_adversarial_lines_are_read_in_linear_time():
    for unit in ("len(a.", "if a[", "a.length <", "a != nil ", "a.b.c.d.e" * 3, "\t" * 7):
        line = (unit * (100_000 // len(unit)))[:100_000]
        diff = _hunk("a.go", [line], ["if " + line + " {", "return", "}"], [line, line])
        start = time.process_time()
        find_guarded_uses(parse_diff(diff))
        find_guarded_uses(parse_diff(diff.replace("a.go", "A.java")))
        assert time.process_time() - start < 2.0, unit
