"""Python 2 files are analysed through a line-for-line Python 3 rewrite; the file itself is untouched."""

from __future__ import annotations

import ast
import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import py2compat
from bot.analysis.pipeline import analyse
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff

PY2 = """\
import pickle
from django.http import HttpResponse


def render(request):
    try:
        data = pickle.loads(request.GET['state'])
    except ValueError, e:
        print "bad state", e
        raise ValueError, "bad"
    mode = 0777
    if data <> None:
        print `data`
    return HttpResponse(str(data))
"""


def test_a_python_2_file_is_rewritten_line_for_line():
    out = py2compat.to_py3(PY2)
    assert out is not None
    ast.parse(out)
    assert out.count("\n") == PY2.count("\n")
    lines = out.splitlines()
    assert lines[6] == "        data = pickle.loads(request.GET['state'])"
    assert lines[7] == "    except ValueError as e:"
    assert lines[10] == "    mode = 0o777"


def test_code_cut_out_with_its_indentation_is_dedented():
    method = "    def run(self, cmd):\n        os.system(cmd)\n"
    assert py2compat.to_py3(method) == "def run(self, cmd):\n    os.system(cmd)\n"
    assert py2compat.to_py3("    def f(x):\n        print x\n") == "def f(x):\n    print(x)\n"


def test_python_3_and_hopeless_text_are_left_alone():
    assert py2compat.to_py3("x = 1\nprint(x)\n") is None
    assert py2compat.to_py3("def f(:\n    pass\n") is None
    assert py2compat.convert({"a.py": "x = 1\n", "b.py": "print x\n"}) == {"b.py": "print(x)\n"}


_PIECES = st.sampled_from(
    [
        "print x",
        "except E, e:",
        "x = 0777",
        "def f(",
        ")",
        "  ",
        "\t",
        "`",
        "<>",
        "'",
        '"',
        "\n",
        "ur'a'",
        "10L",
        "é",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=25).map("".join))
def test_any_text_is_rewritten_with_its_lines_or_not_at_all(text):
    out = py2compat.to_py3(text)
    if out is not None:
        ast.parse(out)
        assert out.count("\n") == text.count("\n")


def test_a_flaw_in_a_python_2_file_is_found_on_its_own_line():
    path = "app/views.py"
    body = difflib.unified_diff([], PY2.splitlines(keepends=True), "/dev/null", f"b/{path}")
    changeset = parse_diff(f"diff --git a/{path} b/{path}\nnew file mode 100644\n" + "".join(body))
    result = analyse(changeset, {path: PY2.encode()}.get, Settings(llm_enabled=False))
    found = [f for f in result.findings if f.category == "deserialization"]
    assert found and all(f.start_line == 7 for f in found), found
    assert any("Python 2" in note for note in result.notes)
