"""Python regular expressions that can backtrack without bound (CWE-1333), found by the flow analysis
in constant patterns handed to re/regex and judged by bot.analysis.redos_regex."""

from __future__ import annotations

import re
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python
from bot.analysis.flow.interp import _verbose_plain
from bot.analysis.redos_regex import findings, nested_before_failure


def _found(code: str) -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    return sorted(
        (f.category, f.confidence.label, f.start_line)
        for f in analyse_python({"app/m.py": (text, added)}, None).findings
    )


def test_a_pattern_that_backtracks_is_a_finding_where_it_is_compiled_or_matched():
    code = """
    import re

    class BasicAuth:
        rx = re.compile('(?:.*,)*[ \\t]*([^ \\t]+)[ \\t]+'
                        'realm=(["\\'])(.*?)\\\\2', re.I)

    STYLE = r"^([-:,#%.\\s\\w]|\\w-\\w)*$"

    def valid(style):
        return re.match(STYLE, style) is not None
    """
    assert _found(code) == [("redos", "medium", 5), ("redos", "medium", 11)]
    (finding,) = analyse_python({"app/m.py": (textwrap.dedent(code), frozenset({5}))}, None).findings
    assert finding.cwe == "CWE-1333" and "many ways" in finding.message


def test_unambiguous_patterns_and_patterns_built_at_run_time_are_not_findings():
    code = """
    import re

    HEADER = re.compile(r'(?:^|,)[ \\t]*([^ \\t,]+)[ \\t]+realm=(["\\']?)([^"\\']*)\\2', re.I)
    STYLE = re.compile(r"^([:,#%.\\s\\w]|\\w-\\w)*$")

    def words(text, sep):
        return re.split("(?:" + re.escape(sep) + ")+", text)

    def quoted(text):
        return re.findall(r'"((?:[^"\\\\]|\\\\.)*)"', text)
    """
    assert _found(code) == []


def test_a_verbose_pattern_is_judged_without_its_layout():
    code = '''
    import re

    GAUNTLET = re.compile(
        r"""^(  # a style value made of
        [/:,#%!.\\s\\w]   # one character
        |\\w-\\w          # or a dash between two word characters
        )*$""",
        flags=re.U | re.VERBOSE,
    )
    '''
    assert _found(code) == []  # '-' is not in the class: the loop splits text one way only
    assert _found(code.replace("[/:", "[-/:")) == [("redos", "medium", 4)]


def test_an_alternative_made_of_another_alternatives_characters_is_nested():
    assert findings(r"^([-/:,#%.'\"\s!\w]|\w-\w|'[\s\w]+'\s*)*$") == ["nested"]
    assert findings(r"^([/:,#%!.\s\w]|\w-\w|'[\s\w]+'\s*|\"[\s\w]+\"|\([\d,%\.\s]+\))*$") == []
    assert findings(r'"((?:[^"\\]|\\.)*)"') == []


def test_verbose_layout_removal_keeps_classes_and_escapes():
    assert _verbose_plain("a b  # note\n [ #] \\ c") == "ab[ #]\\ c"
    assert _verbose_plain("#only a comment") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="()[]{}*+?|^$.\\-,:aw sdS#\n", max_size=120))
def test_any_verbose_pattern_text_is_reduced_without_error(pattern):
    plain = _verbose_plain(pattern)
    assert len(plain) <= len(pattern)
    findings(plain)


def test_python_only_syntax_parses():
    assert findings(r"(?P<word>\w+\s*)*$") == ["nested"]
    assert findings(r"(?P<n>\d+)(?:\.(?P=n))*") == []
    assert re.compile(r"(?P<n>\d+)(?:\.(?P=n))*")


def test_a_repeat_with_nothing_after_it_that_can_fail_is_not_reported():
    trailing = r"^-(?:[ \t]*(\S*))(?:\n((?:[ \t]+[^\n]+\n?)+))?"
    assert "nested" in findings(trailing)  # the shape is there...
    assert not nested_before_failure(trailing)  # ...but the first success ends the match
    assert nested_before_failure(trailing + "$")
    assert nested_before_failure(r"(a+)+", whole=True)
    code = f"""
    import re

    LIST = re.compile(r"{trailing}", re.MULTILINE)

    def exact(line):
        return re.fullmatch(r"(\\w+\\s?)+", line)
    """
    assert _found(code) == [("redos", "medium", 7)]
