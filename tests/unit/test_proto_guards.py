"""bot.analysis.proto_guards: key filters removed or narrowed before a write through the key, and safe
property reads swapped for plain ones (JS/TS prototype pollution, CWE-1321), read from the diff alone so a
function reviewed without its file is read like a whole file. Shapes from minimist 1.2.6, mixin-deep 1.3.2,
mquery 3.2.3 and deep-extend 0.5.1 (MIT), reversed to the introducing direction."""

from __future__ import annotations

import textwrap
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.proto_guards import KEY_RULE, NARROW_RULE, SAFE_RULE, find_proto_guards
from bot.core.diffmap import parse_diff


def _hunk(body: str) -> str:
    """The hunk with its header's line counts recomputed (``@@ -OLD +NEW @@`` gives the starts)."""
    header, *rows = textwrap.dedent(body).lstrip("\n").rstrip("\n").split("\n")
    old_start, new_start = (int(part[1:].split(",")[0]) for part in header.split()[1:3])
    old = sum(1 for r in rows if not r.startswith("+"))
    new = sum(1 for r in rows if not r.startswith("-"))
    return f"@@ -{old_start},{old} +{new_start},{new} @@\n" + "".join(r + "\n" for r in rows)


def _reverse(body: str) -> str:
    """The same hunk in the other direction (the fixing change of an introducing one)."""
    header, *rows = textwrap.dedent(body).lstrip("\n").rstrip("\n").split("\n")
    swap = {"+": "-", "-": "+"}
    _, old, new, *_ = header.split()
    return "\n".join([f"@@ -{new[1:]} +{old[1:]} @@", *(swap.get(r[:1], r[:1]) + r[1:] for r in rows)])


def _found(path: str, body: str, head: list[str] | None = None, language: str = "javascript") -> list[str]:
    diff = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + _hunk(body)
    changeset = parse_diff(diff)
    heads = {path: head} if head is not None else None
    return [
        f"{f.rule_id}:{f.cwe}:{f.start_line}" for f in find_proto_guards(changeset, {path: language}, heads)
    ]


MINIMIST = """
    @@ -1,6 +1,6 @@
     function setKey(obj, keys, value) {
         var o = obj;
         for (var i = 0; i < keys.length-1; i++) {
             var key = keys[i];
    -        if (isConstructorOrProto(o, key)) return;
    +        if (key === '__proto__') return;
             if (o[key] === undefined) o[key] = {};
"""


def test_a_guard_narrowed_to_proto_alone_is_reported():
    assert _found("index.js", MINIMIST) == [f"{NARROW_RULE}:CWE-1321:5"]


def test_the_fix_that_widens_the_guard_again_is_quiet():
    fixing = _reverse(MINIMIST)
    assert _found("index.js", fixing) == []


MQUERY = """
    @@ -20,9 +20,3 @@
       for (k in obj) {
    -    // avoid properties like __proto__ as a precaution.
    -    if (specialProperties.indexOf(k) !== -1) {
    -      continue;
    -    }
    -
         val = clone(obj[k], options);
"""
MQUERY_HEAD = [""] * 19 + [
    "  for (k in obj) {",
    "    val = clone(obj[k], options);",
    "",
    "    if (!minimize || ('undefined' !== typeof val)) {",
    "      hasKeys || (hasKeys = true);",
    "      ret[k] = val;",
    "    }",
    "  }",
]


def test_a_removed_key_filter_before_a_write_through_the_key_is_reported():
    # the write is below the hunk: the head's next lines show it
    assert _found("lib/utils.js", MQUERY, MQUERY_HEAD) == [f"{KEY_RULE}:CWE-1321:21"]


def test_without_a_write_through_the_key_nothing_is_reported():
    quiet_head = [line.replace("ret[k] = val", "ret.push(val)") for line in MQUERY_HEAD]
    assert _found("lib/utils.js", MQUERY, quiet_head) == []
    assert _found("lib/utils.js", MQUERY) == []  # and no head: the hunk alone shows no write


def test_a_filter_moved_into_a_helper_or_rewritten_is_quiet():
    moved = """
        @@ -20,6 +20,4 @@
           for (k in obj) {
        -    if (specialProperties.indexOf(k) !== -1) {
        -      continue;
        -    }
        +    if (isUnsafeKey(k)) continue;
             ret[k] = clone(obj[k], options);
        """
    assert _found("lib/utils.js", moved) == []
    widened = MINIMIST.replace(
        "+        if (key === '__proto__') return;", "+        if (FORBIDDEN.has(key)) return;"
    )
    assert _found("index.js", widened) == []


def test_a_removed_own_property_test_or_a_value_test_is_not_a_key_filter():
    own = """
        @@ -1,5 +1,4 @@
         for (var key in source) {
        -  if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
           target[key] = source[key];
         }
        """
    assert _found("lib/assign.js", own) == []
    value = """
        @@ -1,5 +1,4 @@
         Object.keys(obj).forEach(function (key) {
        -  if (val === target) return;
           target[key] = val;
         });
        """
    assert _found("lib/assign.js", value) == []


def test_a_safe_property_read_swapped_for_a_plain_one_is_reported():
    deep_extend = """
        @@ -22,6 +22,6 @@
         \t\tObject.keys(obj).forEach(function (key) {
        -\t\t\tsrc = safeGetProperty(target, key); // source value
        -\t\t\tval = safeGetProperty(obj, key); // new value
        +\t\t\tsrc = target[key]; // source value
        +\t\t\tval = obj[key]; // new value
         \t\t\tif (val === target) {
        """
    assert _found("lib/deep-extend.js", deep_extend) == [f"{SAFE_RULE}:CWE-1321:23"]
    fixing = _reverse(deep_extend)
    assert _found("lib/deep-extend.js", fixing) == []


def test_other_languages_are_not_read():
    assert _found("index.py", MINIMIST, language="python") == []


LINE_CHARS = st.characters(exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(" +-"),
            st.text(
                st.characters(exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=120
            ),
        ),
        max_size=30,
    )
)
def test_any_js_diff_is_read_without_error(rows):
    body = "@@ -1 +1 @@\n" + "".join(f"{kind}{text}\n" for kind, text in rows)
    for finding in _found("a.js", body, head=["x[k] = 1"] * 50):
        assert finding.split(":")[1] == "CWE-1321"


def test_long_hostile_lines_stay_fast():
    line = "if (" + "isKey(k, " * 5000 + "'__proto__' === (" * 3000 + ") return;"
    body = "@@ -1 +1 @@\n-" + line + "\n-" + line + "\n x[k] = 1\n"
    start = time.perf_counter()
    _found("a.js", body, head=["x[k] = 1"] * 50)
    assert time.perf_counter() - start < 2.0
