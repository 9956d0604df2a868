"""Fuzz: the analyses that read a change's untrusted code. The Python flow analysis, given code put
together from the shapes it models (objects of a class defined in the file, match statements, deques,
lambdas, cookies, digests, XML parsers) and their odd variants, returns a result or records a cut,
never another exception; the diff-level C/Go/JS readers (a bound relaxed by one, a size margin dropped)
and the removed-control reader take any hunk of such lines."""

from __future__ import annotations

import ast
import contextlib
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.c_diff import find_c_diff
from bot.analysis.c_guards import find_removed_guards
from bot.analysis.flow import analyse_python
from bot.analysis.removed_controls import find_removed_controls
from bot.core.diffmap import DiffError, parse_diff

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

STATEMENTS = [
    "x = request.args.get('q')", "a, b = x, 'c'", "a, *b = x, y", "d = deque()",
    "d = collections.deque([x, 'a'])", "d.appendleft(y)", "z = d.popleft()", "d.remove('a')",
    "del d[0]", "del d[x]", "del m['k']", "m = {'k': x}", "f = lambda v: v", "f = lambda *v: v",
    "f = lambda: f()", "f = lambda v: f(v)", "g = f(x)", "g = f(x, y, z)", "o = Holder(x)", "o = Holder()",
    "o = Holder(x, y, k=z)", "w = o.get()", "w = o.value", "o.value = x", "o.add(x)", "o.set(x)",
    "s = Self()", "w = s.loop()", "g = o", "change(o)", "setattr(o, 'value', x)", "o.__dict__['v'] = x",
    "match x:\n    case 'a':\n        y = 1\n    case _:\n        y = x",
    "match 1:\n    case True:\n        y = x\n    case None:\n        pass",
    "match y:\n    case {'k': v}:\n        pass\n    case Point(x=0):\n        pass",
    "match (1, 2):\n    case [*rest]:\n        pass",
    "match -1:\n    case -1 | 2:\n        y = x",
    "match 'a':\n    case f:\n        f(x)",
    "if urlparse(x).netloc:\n    abort(400)", "if '..' in x:\n    abort(400)", "if '' in x:\n    return",
    "resp.set_cookie('sid', random.random(), **opts)", "opts = {'secure': True, 1: 2}", "resp.set_cookie()",
    "session[x] = random.randint(1, 2)", "session.update(**x)", "t = hashlib.new(x, y)", "t = hashlib.new()",
    "t.update()", "u = t.hexdigest()", "t = hmac.new(k, x, 5)", "t = Crypto.Hash.MD5.new()",
    "p = lxml.etree.XMLParser(resolve_entities=True)", "lxml.etree.fromstring(x, p)", "q.setFeature(1)",
    "xml.dom.minidom.parseString(x, q)", "shutil.unpack_archive()",
    "tf.extractall(members=[m for m in tf if m])",
    "run_query('SELECT ' + x)", "db().search_s(x)", "token = random.random()", "token += random.random()",
    "l = [1, 2]", "l.remove(1)", "l.pop(-99)", "del l[1:2]", "for f in x:\n    d.append(f)",
    "while x:\n    f = lambda v: 'c'", "try:\n    y = o.get()\nexcept E as f:\n    pass", "return x",
]  # fmt: skip
CLASSES = [
    "class Holder:\n    def __init__(self, value, *rest, k=None, **kw):\n        self.value = value\n"
    "        self.items = []\n        self.h = Holder(value)\n    def get(self):\n        return self.value\n"
    "    def set(self, v):\n        self.value = v\n    def add(self, v):\n        self.items.append(v)\n",
    "class Self:\n    def __init__(self):\n        self.s = Self()\n"
    "    def loop(self):\n        return self.loop()\n",
    "class Holder:\n    value = 1\n    def __init__(*args):\n        pass\n",
]
BODY = st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=10).map("\n".join)


@FUZZ
@given(classes=st.lists(st.sampled_from(CLASSES), max_size=3), bodies=st.lists(BODY, min_size=1, max_size=3))
def test_the_flow_analysis_takes_any_code_of_the_shapes_it_models(classes, bodies):
    functions = [
        f"@app.route('/f{i}')\ndef f{i}(x, y, *args, **opts):\n" + textwrap.indent(body, "    ")
        for i, body in enumerate(bodies)
    ]
    code = "import random, hashlib, collections\nfrom collections import deque\n\n" + "\n\n".join(
        [*classes, *functions]
    )
    with contextlib.suppress(SyntaxError):
        ast.parse(code)
        analyse_python({"app/v.py": (code, frozenset(range(1, code.count("\n") + 2)))}, None)


LINES = [
    "if (n >= size) return -1;", "for (i = 0; i < len; i++) {", "while (i <= n)", "assert(i < size);",
    "p = malloc(len + 1);", "p = malloc(len);", "char buf[N + 1];", "char buf[N];",
    "strncpy(d, s, sizeof d - 1);", "strncpy(d, s, sizeof d);", "if (!j || buf[j-1] == '.')",
    "if i >= len(x) {", "} else if (i < size) {", "if (a < b) {", "x = /a<b/.test(s) && i <= n;",
    "if not valid(x):", "    raise ValueError()", "    return None", "assert valid(x)", "yaml.safe_load(s)",
    "eval(x)", "+ 1", "- 1 ]", "[ ( <", ">= )", "",
]  # fmt: skip
TOKENS = st.lists(
    st.sampled_from(["<", "<=", ">", ">=", "+", "-", "1", "0", "(", ")", "[", "]", "{", "}", "if", "!", "n"]),
    max_size=10,
).map(" ".join)
HUNK_LINE = st.tuples(st.sampled_from(["+", "-", " "]), st.one_of(st.sampled_from(LINES), TOKENS))


@FUZZ
@given(
    path=st.sampled_from(["x.c", "x.cc", "x.go", "X.java", "x.js", "x.ts", "x.py", "tests/test_x.py"]),
    hunks=st.lists(st.lists(HUNK_LINE, min_size=1, max_size=10), min_size=1, max_size=3),
    head_cut=st.integers(min_value=0, max_value=40),
)
def test_the_diff_readers_take_any_hunk(path, hunks, head_cut):
    body, head = [], []
    for i, lines in enumerate(hunks):
        old = sum(mark != "+" for mark, _ in lines)
        new = sum(mark != "-" for mark, _ in lines)
        body.append(f"@@ -{1 + 20 * i},{old} +{1 + 20 * i},{new} @@")
        body += [mark + text for mark, text in lines]
        head += [text for mark, text in lines if mark != "-"]
    text = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + "\n".join(body) + "\n"
    try:
        changeset = parse_diff(text.encode())
    except DiffError:
        return
    for found in (
        find_c_diff(changeset, None, {path: head[:head_cut]}),
        find_c_diff(changeset, None, None),
        find_removed_guards(changeset, None, {path: head[:head_cut]}),
        find_removed_guards(changeset, None, None),
        find_removed_controls(changeset),
    ):
        assert all(f.path == path for f in found)
