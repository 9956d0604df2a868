"""Python regular expressions that can backtrack without bound (CWE-1333): constant patterns handed to
re/regex, read with ``ast`` (bot.analysis.redos_py) and judged against what they replace."""

from __future__ import annotations

import difflib
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.redos import find_redos
from bot.analysis.redos_py import sites
from bot.core.diffmap import parse_diff
from bot.core.models import Finding


def _review(old: str, new: str, path: str = "app/m.py") -> list[Finding]:
    old, new = textwrap.dedent(old), textwrap.dedent(new)
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return find_redos(parse_diff(f"diff --git a/{path} b/{path}\n{body}"), {path: "python"}, {path: new})


def _found(old: str, new: str) -> list[tuple[str, int]]:
    return sorted((f.confidence.label, f.start_line) for f in _review(old, new))


BASE = """
import re
"""


def test_a_new_exponential_pattern_is_a_finding_where_its_text_is_written():
    code = """
    import re

    class BasicAuth:
        rx = re.compile('(?:.*,)*[ \\t]*([^ \\t]+)[ \\t]+'
                        'realm=(["\\'])(.*?)\\\\2', re.I)

    STYLE = r"^([-:,#%.\\s\\w]|\\w-\\w)*$"

    def valid(style):
        return re.match(STYLE, style) is not None
    """
    assert _found(BASE, code) == [("medium", 5), ("medium", 8)]
    (finding, _) = _review(BASE, code)
    assert finding.cwe == "CWE-1333" and finding.rule_id == "regex-redos" and "exponential" in finding.message


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
    assert _found(BASE, code) == []


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
    assert _found(BASE, code) == []  # '-' is not in the class: the loop splits text one way only
    assert _found(BASE, code.replace("[/:", "[-/:")) == [("medium", 5)]


def test_a_repeat_with_nothing_after_it_that_can_fail_is_not_reported():
    trailing = r"^-(?:[ \t]*(\S*))(?:\n((?:[ \t]+[^\n]+\n?)+))?"
    code = f"""
    import re

    LIST = re.compile(r"{trailing}", re.MULTILINE)

    def exact(line):
        return re.fullmatch(r"(\\w+\\s?)+", line)
    """
    assert _found(BASE, code) == [("medium", 7)]
    assert _found(BASE, code.replace(r'\n?)+))?"', r'\n?)+))?$"')) == [("medium", 4), ("medium", 7)]


def test_a_fix_that_reduces_the_ambiguity_is_quiet_and_the_change_that_raises_it_is_reported():
    vulnerable = """
    import re
    REL = re.compile(r\"\"\"<([^>]*\\srel\\s*=\\s*['"]?([^'">]+)[^>]*)>\"\"\", re.I)
    """
    fixed = """
    import re
    REL = re.compile(r\"\"\"<([^>]*\\srel\\s{0,10}=\\s{0,10}['"]?([^'" >]+)[^>]*)>\"\"\", re.I)
    """
    assert _found(vulnerable, fixed) == []
    (finding,) = _review(fixed, vulnerable)
    assert finding.confidence.label == "medium" and finding.start_line == 3
    assert "degree 3" in finding.message and "replaces was polynomial (degree 2)" in finding.message


def test_a_replacement_in_the_same_call_is_compared_with_what_it_replaces():
    old = """
    import re

    def tidy(line):
        return re.sub(r"-\\*-\\s*(?:(\\S[^\\r\\n]*?)([\\r\\n]\\s*)?)?-\\*-", "", line)
    """
    new = old.replace("(?:(\\S[^\\r\\n]*?)([\\r\\n]\\s*)?)?", "([^\\r\\n]*?)\\s*")
    (finding,) = _review(old, new)
    assert finding.start_line == 5 and "a long run of spaces without '-'" in finding.message
    assert _review(new, old) == []
    # the same pattern, only reformatted: nothing to say
    assert _review(new, new.replace("return re.sub(", "return re.sub(  ")) == []


def test_a_new_polynomial_pattern_on_non_constant_text_is_low_and_the_search_quadratic_alone_is_quiet():
    code = """
    import re

    EMAIL = re.compile(r"^\\S+@[a-zA-Z0-9._-]+\\.[a-zA-Z0-9._-]+$")

    def check(value):
        return EMAIL.match(value)

    def split(header):
        return re.split(r"\\s*,\\s*", header)

    def fixed():
        return re.match(r"^(.+)@(.+)$", "a@b")
    """
    assert _found(BASE, code) == [("low", 4)]


def test_constant_names_concatenation_and_escaped_joins_are_folded():
    code = """
    import re
    OPEN = "|".join(map(re.escape, ("(", "<", "&lt;")))
    PUNCT = re.compile("^(?P<lead>(?:%s)*)(?P<middle>.*?)$" % (OPEN,))
    WORDS = re.compile(r"(\\s+)" "x")
    """
    found = {s.key: s.pattern for s in sites(textwrap.dedent(code)) or []}
    assert found[("bound", "", "PUNCT")] == r"^(?P<lead>(?:\(|<|\&lt;)*)(?P<middle>.*?)$"
    assert found[("bound", "", "WORDS")] == r"(\s+)x"
    assert sites("def broken(:\n") is None


def test_a_class_constant_named_through_self_is_read():
    code = """
    import re

    class Parser:
        WORDS = r"^(\\w+\\s?)+$"

        def parse(self, text):
            return re.match(self.WORDS, text)
    """
    assert _found(BASE, code) == [("medium", 5)]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "import re\n",
                "X = r'(a+)+$'\n",
                "Y = X + '|b'\n",
                "Z = '%s' % (Y,)\n",
                "P = re.compile(X, re.I | re.X)\n",
                "def f(s):\n    return re.match(Z, s)\n",
                "class C:\n    R = '|'.join(map(re.escape, ('a', 'b')))\n",
                "Q = re.sub(C.R, '', 'x')\n",
                "W = re.compile(*args)\n",
                "V = re.compile(pattern=f'{X}')\n",
                "def g(:\n",
            ]
        ),
        max_size=12,
    ),
    st.text(alphabet="()[]{}|*+?\\.ab,$ ", max_size=40),
)
def test_any_python_file_is_read_without_error(chunks, pattern):
    old = "".join(chunks)
    new = old + f"T = re.compile({pattern!r})\n"
    _review(old, new)
    sites(new)


def test_a_file_with_an_invalid_escape_in_a_plain_string_is_still_read():
    # Python warns about "\d" in a plain string (an error where warnings are errors, as in tests):
    # the file must still be read on both sides, or a fix would look like brand-new patterns
    old = 'import re\nTAGS = re.compile("<(/?\\w+?(?!\\w).+?[\\s/]+?)")\nX = re.compile(r"^(\\w+\\s?)+$")\n'
    new = old.replace(r"^(\w+\s?)+$", r"^\w+$")
    assert sites(old) is not None and len(sites(old) or []) == 2
    assert _review(old, new) == []
    assert len(_review(new, old)) == 1


SQLPARSE_FIXED = """
from sqlparse import tokens

SQL_REGEX = [
    (r'\\s+?', tokens.Whitespace),
    (r"'(''|\\\\'|[^'])*'", tokens.String.Single),
    (r'[A-Z]\\w*(?=\\()', tokens.Name),
]
"""
SQLPARSE_VULNERABLE = """
import re
from sqlparse import tokens

SQL_REGEX = {
    'root': [
        (r'\\s+?', tokens.Whitespace),
        (r"'(''|\\\\\\\\|\\\\'|[^'])*'", tokens.String.Single),
        (r'[A-Z]\\w*(?=\\()', tokens.Name),
    ]}

FLAGS = re.IGNORECASE | re.UNICODE
SQL_REGEX = [(re.compile(rx, FLAGS).match, tt) for rx, tt in SQL_REGEX['root']]
"""


def test_lexer_table_rows_are_compared_with_the_row_of_the_same_token():
    # sqlparse 0.4.1 -> 0.4.2 (CVE-2021-32839), the other way round: the string row gains an alternative
    # `\\\\` that overlaps `[^']` (exponential); the rows rewritten only in layout are not findings
    assert _found(SQLPARSE_FIXED, SQLPARSE_VULNERABLE) == [("medium", 8)]
    assert _found(SQLPARSE_VULNERABLE, SQLPARSE_FIXED) == []
    # a pygments lexer: rows keyed by their token; a row made linear, or one moved, is quiet
    lexer = """
    from pygments.lexer import RegexLexer
    from pygments.token import Comment, Text

    class SmithyLexer(RegexLexer):
        tokens = {
            'root': [
                (r'//.*$', Comment),
                (r'{}', Text),
            ]
        }
    """
    worse = lexer.replace("(r'{}', Text)", "(r'[a-z]+\\s*[a-z]*\\s*=', Text)")
    better = lexer.replace("(r'{}', Text)", "(r'[a-z]+\\s*=', Text)")
    assert _found(better, worse) == [("medium", 9)]
    assert _found(worse, better) == []
    moved = worse.replace("(r'//.*$', Comment),\n", "").replace("(r'[a-z]", "(r'//.*$', Comment),\n(r'[a-z]")
    assert all(label != "medium" for label, _ in _found(worse, moved))
    # tuples of two in a file that neither is a lexer nor compiles patterns from a variable are data
    data = "PAIRS = [\n    (r'(a+)+$', Kind.A),\n    (r'b', Kind.B),\n]\n"
    assert _found("PAIRS = []\n", data) == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["(r'a+', T)", "(x, y)", "[", "]", "(", ")", ",", "'s'", "T.x", "\n"]), max_size=40
    )
)
def test_any_table_shaped_file_is_read_without_error(parts):
    text = "import re\nfrom pygments.lexer import RegexLexer\nR = [" + "".join(parts) + "]\nre.compile(rx)\n"
    sites(text)
    sites(text, tables=True)


AIOHTTP_FIXED = """
import re
import sys

_HEADER_PAIRS_PATTERN = re.compile(
    r'(?:^|\\s|,\\s*)(\\w+)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))'
    if sys.version_info < (3, 11)
    else r'(?:^|\\s|,\\s*)((?>\\w+))\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))'
)
"""
AIOHTTP_VULNERABLE = """
import re
import sys

_HEADER_PAIRS_PATTERN = re.compile(
    r'(\\w+)\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^\\s,]+))'
)
"""


def test_a_pattern_chosen_by_the_python_version_is_the_one_this_python_takes():
    # aiohttp 3.12.14 (GHSA-9548-qrrj-x5pj's digest middleware), the other way round: the atomic
    # pattern of Python 3.11+ replaced by an unanchored `(\\w+)\\s*=` (the search's quadratic)
    assert _found(AIOHTTP_FIXED, AIOHTTP_VULNERABLE) == [("medium", 6)]
    assert _found(AIOHTTP_VULNERABLE, AIOHTTP_FIXED) == []
    # any other condition is not folded: no pattern to compare with, and a new search quadratic is quiet
    other = AIOHTTP_FIXED.replace("sys.version_info < (3, 11)", "USE_ATOMIC")
    assert _found(other, AIOHTTP_VULNERABLE) == []


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
    st.lists(st.integers(0, 20), min_size=0, max_size=4),
)
def test_version_conditions_fold_only_when_comparable(op, parts):
    import ast
    import sys

    from bot.analysis.redos_py import _version_test

    expr = ast.parse(f"sys.version_info {op} ({', '.join(map(str, parts))}{',' if len(parts) == 1 else ''})")
    got = _version_test(expr.body[0].value)  # type: ignore[attr-defined]
    if op in ("==", "!=") or not 1 <= len(parts) <= 3:
        assert got is None
    else:
        here = tuple(sys.version_info[: len(parts)])
        assert got == {"<": here < tuple(parts), "<=": here <= tuple(parts), ">": here > tuple(parts)}.get(
            op, here >= tuple(parts)
        )
