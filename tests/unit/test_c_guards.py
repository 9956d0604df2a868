"""C changes that take out a whole guard statement: a bound, an overflow check or a NULL test
(bot.analysis.c_guards)."""

from __future__ import annotations

import textwrap
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.c_guards import (
    RULE_NULL,
    RULE_SIZE,
    RULE_TERM,
    RULE_WRAP,
    find_removed_guards,
    read_names,
    terminator,
    type_max,
)
from bot.analysis.removed_bounds import tokens
from bot.core.diffmap import parse_diff


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


def _reverse(body: str) -> str:
    flip = {"+": "-", "-": "+"}
    lines = textwrap.dedent(body).lstrip("\n").splitlines(keepends=True)
    return "".join(flip.get(ln[:1], ln[:1]) + ln[1:] if not ln.startswith("@@") else ln for ln in lines)


def _head(body: str) -> list[str]:
    lines = textwrap.dedent(body).lstrip("\n").splitlines()
    return [ln[1:] for ln in lines if not ln.startswith(("@@", "-"))]


def _found(body: str, *, with_head: bool = True) -> list[tuple[str, int]]:
    changeset = parse_diff(_diff("x.c", body))
    heads = {"x.c": _head(body)} if with_head else None
    return [(f.rule_id, f.start_line) for f in find_removed_guards(changeset, None, heads)]


# c-ares config_sortlist (CVE-2022-4904), the fix reversed: the length test goes, the copy stays
SORTLIST = """
@@ -1,9 +1,7 @@
       q = str;
       while (*q && *q != '/' && *q != ';' && !ISSPACE(*q))
         q++;
-      if (q-str >= 16)
-        return ARES_EBADSTR;
       memcpy(ipbuf, str, q-str);
       ipbuf[q-str] = '\\0';
       /* Find the prefix */
"""

# redis-check-aof (CVE-2025-27151), reversed: a braced guard with a message before the exit
AOF_PATH = """
@@ -1,10 +1,4 @@
         goto invalid_args;
     }
     /* the path */
-    /* Check if filepath is longer than PATH_MAX */
-    if (strlen(filepath) > PATH_MAX) {
-        printf("Error: filepath is too long (exceeds PATH_MAX)\\n");
-        goto invalid_args;
-    }
-
     memcpy(temp_filepath, filepath, strlen(filepath) + 1);
     dirpath = dirname(temp_filepath);
"""

# tiffcp (CVE-2023-40745), reversed: an overflow test against INT_MAX
SCANLINE = """
@@ -1,10 +1,4 @@
     tilew = spp * tw;
     /* the scan line */
-    if ( (imagew - tilew * spp) > INT_MAX ){
-        TIFFError(TIFFFileName(in),
-                  "Error, image raster scan line size is too large");
-        return 0;
-    }
-
     iskew = imagew - tilew*spp;
     tilebuf = limitMalloc(tile_buffsize);
"""

# a NULL test of a lookup's result, reversed
LOOKUP = """
@@ -1,7 +1,5 @@
     entry = table_find(t, key);
-    if (entry == NULL)
-        return -1;
     len = entry->len;
     memcpy(out, entry->data, len);
"""


def test_a_removed_length_guard_before_a_copy_is_reported_where_it_stood():
    # the hunk adds nothing: the finding stands on the head line now where the guard was
    assert _found(SORTLIST) == [(RULE_SIZE, 4)]


def test_the_fix_that_adds_the_guard_is_quiet():
    for body in (SORTLIST, AOF_PATH, SCANLINE, LOOKUP):
        assert _found(_reverse(body)) == []


def test_a_braced_guard_that_logs_then_leaves_is_a_guard():
    assert _found(AOF_PATH) == [(RULE_SIZE, 4)]


def test_a_removed_test_against_a_type_maximum_is_an_overflow_check():
    assert _found(SCANLINE) == [(RULE_WRAP, 3)]
    assert type_max("INT_MAX") and type_max("UINT32_MAX") and type_max("SIZE_MAX")
    assert not type_max("PATH_MAX") and not type_max("NGX_HTTP_V2_MAX_FIELD")


def test_a_removed_null_test_before_a_dereference():
    assert _found(LOOKUP) == [(RULE_NULL, 2)]


def test_without_the_head_the_hunk_context_shows_the_use():
    assert _found(SORTLIST, with_head=False) == [(RULE_SIZE, 4)]


def test_a_guard_moved_elsewhere_in_the_file_is_a_rewrite():
    moved = SORTLIST.replace("@@ -1,9 +1,7 @@", "@@ -1,9 +1,8 @@").replace(
        "         q++;\n",
        "         q++;\n+      if (check_len(q - str, sizeof ipbuf) < 0) return ARES_EBADSTR;\n",
    )
    assert _found(moved) == []


def test_a_guard_whose_variables_are_not_used_after_it_is_not_reported():
    unused = """
    @@ -1,8 +1,6 @@
         n = count_items(list);
    -    if (n > MAX_ITEMS)
    -        return -1;
         log_debug("done");
         return 0;
     }
    """
    assert _found(unused) == []


def test_an_if_else_or_a_test_that_does_not_leave_is_not_a_guard():
    branch = """
    @@ -1,8 +1,4 @@
    -    if (len > sizeof buf)
    -        use_heap = 1;
    -    else
    -        use_heap = 0;
         memcpy(dst, src, len);
    """
    assert _found(branch) == []
    steer = """
    @@ -1,6 +1,4 @@
    -    if (len > 16)
    -        log_debug("long token %zu", len);
         memcpy(dst, src, len);
    """
    assert _found(steer) == []


def test_a_guard_in_code_deleted_wholesale_is_not_reported():
    body = "@@ -1,40 +1,2 @@\n" + "".join(f"-    x{i} = f({i});\n" for i in range(30))
    body += "-    if (len > 16)\n-        return -1;\n     memcpy(d, s, len);\n }\n"
    assert _found(body) == []


def test_a_character_class_test_is_not_a_bound():
    chars = """
    @@ -1,6 +1,4 @@
    -    if (c < '0' || c > '9')
    -        return -1;
         v = v * 10 + c;
    """
    assert _found(chars) == []


def test_read_names_skips_calls_casts_members_and_macros():
    assert read_names(tokens("(size_t) n * sizeof (x) > SIZE_MAX || strlen(s) > p->len")) == {
        "n",
        "x",
        "s",
        "p",
    }


# -- untrusted text: any diff is read without error, quickly ------------------------------------

C_BITS = st.sampled_from(
    [
        "if (",
        "if (len > 16)",
        "if (n > SIZE_MAX / s)",
        "if (p == NULL)",
        "if (!a->b)",
        ")",
        "(",
        "{",
        "}",
        " return -1;",
        "goto err;",
        "else",
        "memcpy(d, s, len);",
        "s->data[len] = 0;",
        "buf[n] = '\\0';",
        "p->x = 1;",
        "n = max;",
        'png_error(p, "x");',
        "/*",
        "*/",
        "#if X",
        '"',
        "'",
        "\\",
        " ",
    ]
)
C_LINE = st.lists(C_BITS, max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(" +-"), C_LINE), min_size=1, max_size=30), st.booleans())
def test_any_c_diff_is_read_without_error_and_findings_sit_in_the_file(rows, with_head):
    body = "@@ -1,1 +1,1 @@\n" + "".join(f"{mark}{text}\n" for mark, text in rows)
    changeset = parse_diff(_diff("x.c", body))
    head = _head(body)
    for f in find_removed_guards(changeset, None, {"x.c": head} if with_head else None):
        assert 1 <= f.start_line <= max(len(head), 1) + 1
        assert f.cwe.startswith("CWE-")


def test_long_lines_and_deep_nesting_stay_fast():
    hunk = "@@ -1,1 +1,1 @@\n"
    hunk += "".join("-    if (" + "(" * 3_000 + "len > 16\n" for _ in range(50))
    hunk += "".join("-    if (n > 1) {\n" + "-    {\n" * 40 + "-        return -1;\n" for _ in range(50))
    hunk += "     memcpy(d, s, n" + "[i]" * 5_000 + ");\n"
    changeset = parse_diff(_diff("x.c", hunk))
    start = time.perf_counter()
    find_removed_guards(changeset, None, {"x.c": _head(hunk)})
    assert time.perf_counter() - start < 2.0


# -- a NUL terminator removed -----------------------------------------------------------------------

# jq jvp_string_empty_new (CVE-2025-48060), reversed: the string is no longer terminated
TERMINATOR = """
@@ -1,7 +1,6 @@
   jvp_string* s = jvp_string_alloc(length);
   s->length_hashed = 0;
   memset(s->data, 0, length);
-  s->data[length] = 0;
   jv r = {JV_KIND_STRING, 0, 0, 0, {&s->refcnt}};
   return r;
 }
"""


def test_a_removed_nul_terminator_is_reported():
    assert _found(TERMINATOR) == [(RULE_TERM, 4)]
    assert terminator(tokens("buf[n] = '\\0';")) == ("buf",)


def test_adding_or_moving_the_terminator_and_resetting_an_element_are_quiet():
    assert _found(_reverse(TERMINATOR)) == []
    moved = TERMINATOR.replace("@@ -1,7 +1,6 @@", "@@ -1,7 +1,7 @@").replace(
        "-  s->data[length] = 0;\n", "-  s->data[length] = 0;\n+  s->data[length - 1] = 0;\n"
    )
    assert _found(moved) == []
    reset = """
    @@ -1,4 +1,3 @@
     for (i = 0; i < 256; i++)
    -    counts[i] = 0;
     total = 0;
    """
    assert terminator(tokens("counts[i] = 0;")) is None
    assert _found(reset) == []


def test_a_c_file_the_change_only_deletes_from_is_reported_as_checked():
    # the coverage report said "skipped: no added lines" for a C file whose removed guard the review
    # reported; it was read for removed guards, like the other languages' deletion-only files
    from bot.analysis.pipeline import DELETIONS, analyse
    from bot.config.settings import Settings
    from bot.core.coverage import FileState

    head = (
        "int copy(char *dst, const char *src, size_t n, size_t cap) {\n"
        "    memcpy(dst, src, n);\n    return 0;\n}\n"
    )
    diff = textwrap.dedent(
        """\
        diff --git a/buf.c b/buf.c
        --- a/buf.c
        +++ b/buf.c
        @@ -1,6 +1,4 @@
         int copy(char *dst, const char *src, size_t n, size_t cap) {
        -    if (n > cap)
        -        return -1;
             memcpy(dst, src, n);
             return 0;
         }
        """
    )
    result = analyse(parse_diff(diff), {"buf.c": head.encode()}.get, Settings())
    assert [f.cwe for f in result.findings] == ["CWE-787"]
    (cov,) = [c for c in result.coverage if c.path == "buf.c"]
    assert cov.state is FileState.ANALYSED and cov.analyzers == (DELETIONS,), cov


def test_a_file_the_change_only_deletes_from_is_read_once():
    # the diff readers that look at the head (guarded_uses, proto_guards, access_control, c_guards) share
    # one read of each deletion-only file: on GitHub each read is an API request
    from bot.analysis.pipeline import analyse
    from bot.config.settings import Settings

    heads = {
        "buf.c": b"int copy(char *dst, const char *src, size_t n) {\n    memcpy(dst, src, n);\n}\n",
        "lib/merge.js": b"function merge(t, s) {\n  for (k in s) {\n    t[k] = s[k];\n  }\n}\n",
        "app/views.py": b"def edit(request):\n    return save(request)\n",
    }
    diff = textwrap.dedent(
        """\
        diff --git a/buf.c b/buf.c
        --- a/buf.c
        +++ b/buf.c
        @@ -1,5 +1,3 @@
         int copy(char *dst, const char *src, size_t n) {
        -    if (n > 64)
        -        return -1;
             memcpy(dst, src, n);
         }
        diff --git a/lib/merge.js b/lib/merge.js
        --- a/lib/merge.js
        +++ b/lib/merge.js
        @@ -1,6 +1,5 @@
         function merge(t, s) {
           for (k in s) {
        -    if (k === '__proto__') continue;
             t[k] = s[k];
           }
         }
        diff --git a/app/views.py b/app/views.py
        --- a/app/views.py
        +++ b/app/views.py
        @@ -1,3 +1,2 @@
        -@login_required
         def edit(request):
             return save(request)
        """
    )
    reads: list[str] = []

    def read(path: str) -> bytes | None:
        reads.append(path)
        return heads.get(path)

    result = analyse(parse_diff(diff), read, Settings())
    assert sorted(reads) == sorted(heads)  # each once
    assert {f.path for f in result.findings} == set(heads)  # and each still read for what it lost
