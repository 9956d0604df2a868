"""C and C++ changes that delete a bounds or integer-overflow check (bot.analysis.removed_bounds)."""

from __future__ import annotations

import textwrap
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.removed_bounds import PATTERNS, comparisons, find_removed_bounds, tokens
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence


def _diff(path: str, body: str) -> str:
    """A git diff of ``path``; each ``@@ -a +b @@`` header gets its line counts from its body."""
    out = textwrap.dedent(body).lstrip("\n").splitlines(keepends=True)
    for i, line in enumerate(out):
        if line.startswith("@@"):
            rest = out[i + 1 :]
            end = next((j for j, nxt in enumerate(rest) if nxt.startswith("@@")), len(rest))
            old = sum(not b.startswith("+") for b in rest[:end])
            new = sum(not b.startswith("-") for b in rest[:end])
            a, b = (part[1:].split(",")[0] for part in line.split()[1:3])
            out[i] = f"@@ -{a},{old} +{b},{new} @@\n"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + "".join(out)


def _found(*diffs: str) -> list[tuple[str, str, int, str]]:
    return [
        (f.rule_id, f.path, f.start_line, f.confidence.label)
        for f in find_removed_bounds(parse_diff("".join(diffs)))
    ]


def test_comparisons_are_split_into_normalised_operands():
    (c,) = comparisons("    if ((size_t)j >= buf_len)")
    assert c.key == ("buf_len", "j") and not c.overflow
    (c,) = comparisons("        if (SIZE_MAX / sizeof(redisReply*) < elements) return NULL;")
    assert c.key == ("SIZE_MAX / sizeof redisReply *", "elements") and c.overflow
    # arrows and shifts are not comparisons; character tests and NULL tests are not bounds
    assert comparisons("  x = p->next >> 2; if (c >= '0' && c <= '9') y = q->len;") == []
    assert comparisons("  if (ptr > NULL) return;") == []
    assert comparisons("#include <stdio.h>") == []
    # a loop index against an unnamed variable is not a bound; against a length it is
    assert comparisons("  if (a < b) x();") == []
    assert [c.key for c in comparisons("  while (i < len && s[i]) i++;")] == [("i", "len")]
    assert tokens('  s = "a < b" /* x < len */ ; // y < size') == ["s", "=", '"a < b"', ";"]


def test_a_deleted_length_check_before_a_copy_is_a_finding_on_the_added_line():
    diff = _diff(
        "lib/evdns.c",
        """
        @@ -1,8 +1,5 @@
         static int labels(char *buf, size_t buf_len, int j) {
        -\tif ((size_t)j >= buf_len)
        -\t\treturn -2;
        -\tif (!j || buf[j-1])
        -\t\tbuf[j++] = 0;
        +\tif (!j || buf[j-1]) buf[j++] = 0;
         \treturn j;
         }
        """,
    )
    ((rule, path, line, conf),) = _found(diff)
    assert (rule, path, line, conf) == ("diff-removed-bounds-check", "lib/evdns.c", 2, "medium")
    (finding,) = find_removed_bounds(parse_diff(diff))
    assert finding.category == "out-of-bounds-write" and finding.cwe == "CWE-787"
    assert "buf_len" in finding.message


def test_the_fix_that_adds_the_check_is_quiet():
    fix = _diff(
        "lib/evdns.c",
        """
        @@ -1,5 +1,8 @@
         static int labels(char *buf, size_t buf_len, int j) {
        -\tif (!j || buf[j-1]) buf[j++] = 0;
        +\tif ((size_t)j >= buf_len)
        +\t\treturn -2;
        +\tif (!j || buf[j-1])
        +\t\tbuf[j++] = 0;
         \treturn j;
         }
        """,
    )
    assert _found(fix) == []


def test_a_removed_overflow_guard_before_an_allocation_is_integer_overflow():
    diff = _diff(
        "src/pi.c",
        """
        @@ -1,5 +1,3 @@
         int init(pi_t *pi, unsigned numlayers, unsigned step) {
        -    if (step > UINT_MAX / numlayers)
        -        return -1;
        +    pi->count = numlayers;
             pi->include = calloc(numlayers * step, sizeof(short));
        """,
    )
    (finding,) = find_removed_bounds(parse_diff(diff))
    assert finding.rule_id == "diff-removed-overflow-check" and finding.cwe == "CWE-190"
    builtin = _diff(
        "src/buf.c",
        """
        @@ -1,4 +1,3 @@
         size_t grow(size_t n, size_t m) {
        -    if (__builtin_mul_overflow(n, m, &n)) abort();
        +    n = n * m;
             return n;
        """,
    )
    assert _found(builtin) == [("diff-removed-overflow-check", "src/buf.c", 2, "medium")]


def test_a_weakened_guard_is_a_finding_but_a_block_condition_and_a_changed_bound_are_not():
    weakened = _diff(
        "j2k.c",
        """
        @@ -1,6 +1,5 @@
         int add(index_t *ix, unsigned cur, long pos) {
        -    if (!ix->tp_index ||
        -            cur >= ix->nb_tps)
        +    if (!ix->tp_index)
                 return -1;
             ix->tp_index[cur].start_pos = pos;
        """,
    )
    assert _found(weakened) == [("diff-removed-bounds-check", "j2k.c", 2, "medium")]
    # a comparison that only steered a block (no return, goto, abort or throw after it): on the blind
    # set such removals were as often a fix's rewrite as a removed check, so they stay quiet
    block = _diff(
        "j2k2.c",
        """
        @@ -1,5 +1,4 @@
         void add(index_t *ix, unsigned cur, long pos) {
        -    if (ix->tp_index &&
        -            cur < ix->nb_tps) {
        +    if (ix->tp_index) {
                 ix->tp_index[cur].start_pos = pos;
        """,
    )
    assert _found(block) == []
    # the loop bound is exchanged for another one (the same operand on the left): a rewrite
    changed = _diff(
        "tag.c",
        """
        @@ -1,3 +1,3 @@
         int decode(const unsigned char *data, size_t len, size_t pullup_len) {
        -    while (count++ < len) {
        +    while (count++ < pullup_len) {
        """,
    )
    assert _found(changed) == []
    # a cast added around the same comparison keeps it
    cast = _diff(
        "tree.c",
        """
        @@ -1,2 +1,2 @@
         char *qname(int len, size_t lenn) {
        -    if (len < lenn + 2) {
        +    if ((size_t) len < lenn + 2) {
        """,
    )
    assert _found(cast) == []


def test_a_check_moved_to_another_file_of_the_component_or_a_deleted_function_is_quiet():
    removed = _diff(
        "lib/a.c",
        """
        @@ -1,4 +1,3 @@
         int put(char *dst, size_t n) {
        -    if (n > MAX_LEN) return -1;
             memcpy(dst, src, n);
        """,
    )
    moved = _diff(
        "lib/b.c",
        """
        @@ -1,2 +1,3 @@
         int caller(size_t n) {
        +    if (n > MAX_LEN) return -1;
             return put(buf, n);
        """,
    )
    assert _found(removed, moved) == []
    body = "".join(f"-    if (n{i} > MAX_LEN) return -{i};\n" for i in range(30))
    deleted_function = _diff("lib/c.c", f"@@ -1,31 +1,1 @@\n int keep;\n{body}")
    assert _found(deleted_function) == []


def test_loop_headers_comments_and_other_languages_are_ignored():
    loop = _diff(
        "x.c",
        """
        @@ -1,3 +1,2 @@
         void f(int *a, size_t len) {
        -    for (size_t i = 0; i < len; i++) a[i] = 0;
        +    memset(a, 0, len);
        """,
    )
    comment = _diff(
        "y.c",
        """
        @@ -1,3 +1,2 @@
         void f(size_t len) {
        -    /* if (len > MAX_LEN) we used to return */
        +    go(len);
        """,
    )
    python = _diff(
        "z.py",
        """
        @@ -1,3 +1,2 @@
         def f(data):
        -    if len(data) > MAX_LEN: raise ValueError()
        +    go(data)
        """,
    )
    assert _found(loop, comment, python) == []


def test_a_hunk_that_adds_nothing_anchors_in_the_same_function_only():
    head = ["static void *make(int elements) {", "    r = alloc();", "    r->el = calloc(elements, 8);", "}"]
    diff = _diff(
        "hiredis.c",
        """
        @@ -1,1 +1,1 @@
        -static void *make(size_t elements) {
        +static void *make(int elements) {
        @@ -3,3 +2,2 @@
             r = alloc();
        -    if (SIZE_MAX / 8 < elements) return NULL;
             r->el = calloc(elements, 8);
        """,
    )
    changeset = parse_diff(diff)
    (finding,) = find_removed_bounds(changeset, heads={"hiredis.c": head})
    assert (finding.start_line, finding.confidence) == (1, Confidence.LOW)
    # a function end between the removal and the only added line: nowhere to anchor, no finding
    assert find_removed_bounds(changeset, heads={"hiredis.c": ["x", "}", "y", "z"]}) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="<>=()[]&|!?:;,{}+-*/'\"\\ abn0_9#", max_size=300))
def test_lexing_any_line_terminates_and_keeps_tokens_from_the_line(line):
    toks = tokens(line)
    assert all(t in line[:400] or t[0] in "\"'" for t in toks)
    comparisons(line)


def test_patterns_are_linear_on_long_hostile_lines():
    hostile = [
        "/*" + "*" * 50_000,
        '"' + "\\" * 50_000,
        "'" + "\\a" * 25_000,
        "a_" * 25_000 + "t",
        "aA" * 25_000,
        "<" * 50_000,
        "(" * 25_000 + "len <" + ")" * 25_000,
    ]
    start = time.process_time()
    for text in hostile:
        for pattern in PATTERNS:
            pattern.search(text)
        comparisons(text)
    assert time.process_time() - start < 2.0


def test_go_js_and_ruby_range_checks_are_read_too():
    go = _diff(
        "oci/spec_opts.go",
        """
        @@ -1,4 +1,4 @@
         func uid(s string) (uint32, error) {
         \tv, err := strconv.Atoi(s)
        -\tif err != nil || v < minUserID || v > maxUserID {
        +\tif err != nil {
         \t\treturn 0, err
        """,
    )
    (finding,) = find_removed_bounds(parse_diff(go))
    assert (finding.rule_id, finding.category, finding.cwe) == (
        "diff-removed-bounds-check",
        "input-validation",
        "CWE-20",
    )
    assert "reaches the code after it unchecked" in finding.message
    overflow = _diff(
        "ids.go",
        """
        @@ -1,3 +1,3 @@
         func id(v int64) int32 {
        -\tif v > math.MaxInt32 { return 0 }
        +\tlog.Print(v)
        """,
    )
    assert [f.category for f in find_removed_bounds(parse_diff(overflow))] == ["integer-overflow"]
    ruby = _diff(
        "lib/saml.rb",
        """
        @@ -1,3 +1,3 @@
         def check(refs)
        -  raise ValidationError if refs.size > MAX_REFERENCES # at most one
        +  refs.each { |r| digest(r) }
        """,
    )
    assert _found(ruby) == [("diff-removed-bounds-check", "lib/saml.rb", 2, "medium")]


def test_regex_literals_arrow_functions_and_ruby_comments_are_not_comparisons():
    js = _diff(
        "src/tags.js",
        """
        @@ -1,3 +1,3 @@
         var
        -\trxhtmlTag = /<(?!area|br)(([a-z][^\\/\\0>\\x20]*)[^>]*)\\/>/gi,
        +\trxhtmlTag = null,
        -\tsize = list.map(x => x.length);
        +\tsize = 0;
        """,
    )
    ruby = _diff(
        "lib/a.rb",
        """
        @@ -1,2 +1,2 @@
        -  go(x) # when x.size > MAX_SIZE it used to fail
        +  go(y)
        """,
    )
    assert _found(js, ruby) == []


def test_a_hunk_that_rewrites_a_block_wholesale_is_not_read():
    out = "".join(f"-    if (b.length > {i + 2}) throw new Error('bad');\n" for i in range(16))
    new = "".join(f"+    step{i}(b);\n" for i in range(16))
    diff = _diff("lib/ip.js", f"@@ -1,17 +1,17 @@\n function parse(b) {{\n{out}{new}")
    assert _found(diff) == []


def test_an_overflow_safe_rewrite_or_a_check_moved_into_a_macro_is_not_a_removal():
    rearranged = _diff(
        "buf.c",
        """
        @@ -1,3 +1,3 @@
         int put(struct buf *b, size_t pos, size_t len) {
        -    if (pos + len > b->size) return -1;
        +    if (len > b->size - pos) return -1;
        """,
    )
    macro = _diff(
        "buf2.c",
        """
        @@ -1,3 +1,3 @@
         int put(char *dst, size_t len) {
        -    if (len >= sizeof(dst_buf)) return -1;
        +    if (!FITS(len, dst_buf)) return -1;
        """,
    )
    assert _found(rearranged, macro) == []
