"""The C string fixer: a variable used as a format string is printed through "%s", and sprintf/strcpy
into a local array become snprintf bounded by its size (stdio.h added when close); every fix passes
the real verifier and other shapes (a pointer, a literal format, a second statement) are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import c_strings
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("c-format-string-vuln-1", "src/report.c", "syslog(", "format-string",
     'syslog(LOG_WARNING, "%s", client_msg);'),
    ("c-format-string-vuln-1", "src/report.c", "fprintf(", "format-string",
     'fprintf(out, "%s", client_msg);'),
    ("c-buffer-overflow-vuln-1", "src/paths.c", "strcpy(", "buffer-overflow",
     'snprintf(tmp, sizeof tmp, "%s", path);'),
    ("c-buffer-overflow-vuln-2", "src/log.c", "sprintf(", "buffer-overflow",
     'snprintf(line, sizeof line, "connection from %s\\n", peer);'),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "category", "expected"), CASES)
def test_the_string_is_printed_as_data_or_bounded(case, rel, needle, category, expected):
    sf = _file(case, rel)
    patched = fixed_text(sf, finding_at(sf, needle, category))
    assert patched is not None
    assert expected in [row.strip() for row in patched.splitlines()]


def test_stdio_is_included_when_missing_and_close():
    sf = _file("c-buffer-overflow-vuln-1", "src/paths.c")
    patched = fixed_text(sf, finding_at(sf, "strcpy(", "buffer-overflow"))
    assert patched.splitlines()[:3] == ["#include <limits.h>", "#include <string.h>", "#include <stdio.h>"]


def test_every_c_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, category, _ in CASES[::2] + CASES[2:3]:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


FUNC = "#include <stdio.h>\n\nvoid f(char *p, const char *s)\n{{\n    char buf[64];\n\n    {stmt}\n}}\n"


@pytest.mark.parametrize(
    ("stmt", "category"),
    [
        ('printf("%s", s);', "format-string"),  # a literal format already
        ("printf(s); puts(s);", "format-string"),  # two statements on the line
        ("strcpy(p, s);", "buffer-overflow"),  # a pointer: its size is not known here
        ('snprintf(buf, sizeof buf, "%s", s);', "buffer-overflow"),  # bounded already
        ("strcpy(buf, s) ;x();", "buffer-overflow"),
    ],
)
def test_other_shapes_are_left_alone(stmt, category):
    sf = new_file(FUNC.format(stmt=stmt), "a.c")
    assert fixers.propose(finding_at(sf, stmt[:6], category), {sf.path: sf}).replacement is None


def test_odd_formatting_a_void_cast_and_nested_arguments():
    sf = new_file(FUNC.format(stmt='(void) sprintf(buf, "%s-%d", name(s, 1), (int) 2);'), "a.c")
    patched = fixed_text(sf, finding_at(sf, "sprintf", "buffer-overflow"))
    assert '    (void) snprintf(buf, sizeof buf, "%s-%d", name(s, 1), (int) 2);' in patched.splitlines()


def _bare(text: str) -> str:
    return "".join(text.split()).replace(",", "")


_ARG = st.text(alphabet='abs"%(),\\ ', min_size=1, max_size=12)
# statements the fixer can rewrite (a call alone on its line, into the local array or a format), with
# hostile arguments, beside arbitrary text
_STATEMENT = st.one_of(
    st.text(alphabet="sprintf(buf,\"%s\\)'; ", max_size=40),
    st.builds(
        "{}({}{});".format,
        st.sampled_from(["sprintf", "strcpy", "printf", "fprintf", "syslog"]),
        st.sampled_from(["buf, ", "stderr, ", "LOG_ERR, ", "p, ", ""]),
        _ARG,
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example('sprintf(buf, "%s", s);')
@example("printf(s);")
@given(_STATEMENT)
def test_untrusted_statements_never_crash_and_keep_their_arguments(stmt):
    sf = new_file(FUNC.format(stmt=stmt), "a.c")
    for category in ("format-string", "buffer-overflow"):
        out = c_strings.propose(finding_at(sf, sf.lines[6], category), sf)
        if out is not None and out.replacement is not None:
            assert out.replacement.strip().endswith(");")
            # the arguments after the first (the array, the stream or the priority) are kept, in order
            # (the fixer re-joins them with ", ": spaces and commas are not compared)
            _, comma, rest = stmt.partition(",")
            kept = rest if comma else stmt.partition("(")[2]
            assert _bare(kept) in _bare(out.replacement), (stmt, out.replacement)
            event("fixed")
