"""Java methods reviewed without their class (``java_snippet``): read as one class's body, lines kept."""

from __future__ import annotations

import difflib

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.analysis import java_snippet
from bot.analysis.pipeline import analyse
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff

FIXED = """    public List<User> find(String name) throws SQLException {
        PreparedStatement st = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
        st.setString(1, name);
        return map(st.executeQuery());
    }
"""
VULNERABLE = """    public List<User> find(String name) throws SQLException {
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
        return map(rs);
    }
"""


def _review(before: str, after: str, path: str = "src/Users.java"):
    body = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    changeset = parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(body))
    return analyse(changeset, {path: after.encode()}.get, Settings(llm_enabled=False))


def test_a_method_without_its_class_is_read_as_a_class_body_line_for_line():
    wrapped = java_snippet.wrap(VULNERABLE)
    assert wrapped is not None
    assert wrapped.startswith(java_snippet.OPENING)
    assert wrapped.splitlines()[2] == VULNERABLE.splitlines()[2]  # line 3 is still line 3
    assert wrapped.rstrip().endswith("}")


def test_compilation_units_and_other_text_are_left_alone():
    unit = "package a;\n\nimport java.sql.*;\n\nclass A {\n" + VULNERABLE + "}\n"
    assert java_snippet.wrap(unit) is None
    assert java_snippet.wrap("class A {\n" + VULNERABLE + "}\n") is None
    assert java_snippet.wrap("") is None
    assert java_snippet.wrap("just some words\n") is None


def test_sql_built_in_a_bare_method_is_found_on_its_own_line_and_its_fix_is_quiet():
    review = _review(FIXED, VULNERABLE)
    sql = [f for f in review.findings if f.category == "sql-injection"]
    assert [f.start_line for f in sql] == [3]
    assert any("without their class" in note for note in review.notes)
    assert [f for f in _review(VULNERABLE, FIXED).findings if f.category == "sql-injection"] == []


_JAVAISH = st.lists(
    st.sampled_from(
        [
            "void f() {",
            "}",
            "int x = 1;",
            "package a;",
            "import b.C;",
            "class D {",
            "static {",
            "@Override",
            "/* c */",
            '"',
            "{",
            "",
        ]
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(_JAVAISH)
@example(["void f() {", "}"])
def test_any_text_is_either_left_alone_or_wrapped_with_its_lines_kept(lines):
    text = "".join(f"{line}\n" for line in lines)
    wrapped = java_snippet.wrap(text)
    if wrapped is None:
        return
    assert wrapped == java_snippet.OPENING + text + "}\n"
    assert len(wrapped.splitlines()) == len(text.splitlines()) + 1
