"""The Python flow analysis: unsafe construction, sources, sanitisers, and flows across functions/files."""

from __future__ import annotations

import operator
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import Limits, analyse_python
from bot.core.models import Confidence


def _flow(code: str, *, others: dict[str, str] | None = None, path: str = "app/mod.py", limits=None):
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    repo = {path: text, **(others or {})}
    read = (lambda p: repo[p].encode() if p in repo else None) if others else None
    return analyse_python({path: (text, added)}, read, limits)


def _found(code: str, **kw) -> list[tuple[str, str, int]]:
    return [(f.category, f.confidence.label, f.start_line) for f in _flow(code, **kw).findings]


def test_find_invoices_is_unsafe_sql_construction_without_a_visible_source():
    found = _found(
        """
        def find_invoices(db_path, customer):
            query = "SELECT id, amount FROM invoices WHERE customer = '" + customer + "'"
            cur.execute(query)
        """
    )
    assert found == [("sql-injection", "medium", 4)]


@pytest.mark.parametrize(
    "body",
    [
        'cur.execute("SELECT id FROM invoices WHERE customer = ?", (customer,))',
        'cur.execute(f"SELECT id FROM invoices WHERE id = {int(customer)}")',
        'cur.execute("SELECT id FROM t WHERE id IN (%s)" % ",".join("?" * len(customer)), customer)',
        'cur.execute("SELECT id FROM t WHERE id = %d" % customer)',
        'cur.execute("SELECT * FROM " + TABLE)',
        "cur.execute(f\"SELECT * FROM t ORDER BY {ORDER.get(customer, 'id')}\")",
        'cur.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(customer)))',
    ],
)
def test_provably_safe_parts_are_not_reported(body):
    code = f"""
    from psycopg2 import sql
    TABLE = "invoices"
    ORDER = {{"date": "created_at", "amount": "amount"}}

    def find(cur, customer):
        {body}
    """
    assert _found(code) == []


def test_allow_list_guard_and_dead_branches_make_values_safe():
    code = """
    import os
    ALLOWED = {"asc", "desc"}
    DEBUG = False

    def listing(cur, order, name):
        if order not in ALLOWED:
            raise ValueError(order)
        cur.execute("SELECT * FROM t ORDER BY id " + order)
        if DEBUG:
            cur.execute("SELECT * FROM t WHERE n = '" + name + "'")
        if False:
            os.system("echo " + name)
    """
    assert _found(code) == []


def test_request_data_is_high_confidence_and_escaping_clears_it():
    code = """
    import shlex, subprocess
    from flask import request, Markup
    from markupsafe import escape

    @app.route("/run")
    def run():
        host = request.args.getlist("host")[0]
        subprocess.run("ping -c1 " + host, shell=True)
        subprocess.run("ping -c1 " + shlex.quote(host), shell=True)
        title = request.form["title"]
        page = Markup("<h1>%s</h1>" % escape(title))
        return Markup(f"<p>{title}</p>")
    """
    assert _found(code) == [("command-injection", "high", 9), ("xss", "high", 13)]


def test_route_parameters_and_cli_arguments_are_sources():
    code = """
    import sys, pickle, yaml

    @app.get("/files/<name>")
    def download(name, page: int = 1):
        return open("/srv/files/" + name).read()

    def main():
        data = sys.argv[1]
        yaml.load(data)
        yaml.load(data, Loader=yaml.SafeLoader)
        eval(input())
    """
    assert _found(code) == [
        ("path-traversal", "high", 6),
        ("deserialization", "high", 10),
        ("code-injection", "high", 12),
    ]


def test_flows_through_attributes_containers_augmented_assignment_and_string_methods():
    code = """
    from flask import request

    class Report:
        def __init__(self):
            self.sort = request.args.get("sort", "id")

        def run(self, cur):
            parts = []
            parts.append("SELECT * FROM r ORDER BY ")
            q = "".join(parts)
            q += self.sort.strip().lower()[:20]
            cur.execute(q)
    """
    assert _found(code) == [("sql-injection", "high", 13)]


def test_a_function_whose_parameter_reaches_a_sink_is_a_sink_for_its_callers():
    code = """
    import subprocess
    from flask import request

    def run(cmd):
        return subprocess.check_output(cmd, shell=True)

    def user_input():
        return request.values["q"]

    def search():
        term = user_input()
        run("grep -r " + term + " /data")
        run("uptime")
    """
    # the wrapper itself hands a non-constant command whole to a shell: low, for the summary
    assert _found(code) == [("command-injection", "low", 6), ("command-injection", "high", 13)]


def test_flows_follow_imports_into_other_files_of_the_repository():
    helper = textwrap.dedent(
        """
        def run_query(cur, sql):
            cur.execute(sql)

        def clean(value):
            return int(value)
        """
    )
    code = """
    from flask import request
    from app.db import helpers
    from .db.helpers import run_query

    @app.post("/search")
    def search():
        run_query(cur, "SELECT * FROM t WHERE n = '%s'" % request.form["n"])
        helpers.run_query(cur, "SELECT * FROM t WHERE id = %s" % helpers.clean(request.form["id"]))
    """
    found = _found(code, others={"app/db/helpers.py": helper})
    assert found == [("sql-injection", "high", 8)]


def test_a_bound_that_cuts_analysis_is_reported():
    body = "\n".join(f"    x{i} = x{i - 1} + 'a'" for i in range(1, 400))
    code = f"def big(x0):\n{body}\n    cur.execute(x399)\n"
    result = _flow(code, limits=Limits(function_steps=500))
    assert result.findings == []
    assert "step bound" in result.cuts.files["app/mod.py"]


def test_the_simplest_case_is_commented_inline_by_the_review():
    from bot.analysis.pipeline import review_change
    from bot.config.settings import Settings
    from bot.core.diffmap import parse_diff
    from bot.core.review import Placement

    diff = textwrap.dedent(
        """\
        diff --git a/billing/invoices.py b/billing/invoices.py
        new file mode 100644
        --- /dev/null
        +++ b/billing/invoices.py
        @@ -0,0 +1,3 @@
        +def find_invoices(db_path, customer):
        +    query = "SELECT id, amount FROM invoices WHERE customer = '" + customer + "'"
        +    cur.execute(query)
        """
    )
    review = review_change(parse_diff(diff), None, Settings())
    inline = [rf for rf in review.findings if rf.placement is Placement.INLINE]
    assert [(rf.finding.rule_id, rf.finding.start_line) for rf in inline] == [
        ("flow-python-sql-injection", 3)
    ]
    assert inline[0].finding.confidence >= Confidence.MEDIUM
    assert any("flow analysis" in fc.analyzers for fc in review.coverage.files)


def test_evaluated_text_and_html_declared_safe_are_findings_whatever_their_origin():
    code = """
    import json
    from django.utils.safestring import mark_safe

    def cpu_info(self):
        return eval(getattr(self, "cpu_info", "{}"))

    def render(self, html):
        return mark_safe(html)

    def safe_json(obj):
        return mark_safe(json.dumps(obj).replace("<", "\\\\u003C").replace(">", "\\\\u003E"))

    def constant():
        return mark_safe("<br>"), eval("1 + 1")
    """
    assert _found(code) == [("code-injection", "medium", 6), ("xss", "medium", 9)]


def test_archive_member_names_and_connection_hosts_are_attacker_data():
    code = """
    import os, zipfile
    from http.client import HTTPConnection
    from urllib.parse import urlsplit

    def unzip(path, root):
        zf = zipfile.ZipFile(path)
        for name in zf.namelist():
            target = os.path.join(root, name)
            with open(target, "wb") as out:
                out.write(zf.read(name))

    def send(request):
        proto, server, path, query, frag = urlsplit(request.GET["url"])
        conn = HTTPConnection(server)
    """
    assert _found(code) == [("path-traversal", "high", 10), ("ssrf", "high", 15)]


def test_imports_past_the_file_bound_or_unreadable_are_reported_not_followed():
    from bot.errors import ContentTooLarge

    code = """
    from flask import request
    from app import one, two

    @app.get("/")
    def view():
        one.run(request.args["a"])
        two.run(request.args["b"])
    """
    helper = "import os\n\ndef run(cmd):\n    os.system(cmd)\n"
    others = {"app/one.py": helper, "app/two.py": helper, "app/__init__.py": ""}
    bounded = _flow(code, others=others, path="app/views.py", limits=Limits(imported_files=1))
    assert [f.start_line for f in bounded.findings] == [7]
    assert any("stopped following imports" in why for why in bounded.cuts.review)

    def refuse(path: str) -> bytes:
        raise ContentTooLarge(10**9)

    text = textwrap.dedent(code)
    result = analyse_python({"app/views.py": (text, frozenset(range(1, 10)))}, refuse)
    assert result.findings == []
    assert any("could not be read" in why for why in result.cuts.review)


def test_a_guard_on_an_attribute_chain_cleans_that_chain():
    code = """
    class StaticHandler(RequestHandler):
        def get(self, path):
            if self.request.path.startswith("//"):
                raise HTTPError(403)
            self.redirect(self.request.path + "/")

        def post(self, path):
            self.redirect(self.request.path + "/")
    """
    assert _found(code) == [("open-redirect", "high", 9)]


def test_class_bodies_are_analysed_too():
    code = """
    import json
    from markupsafe import Markup

    class RecordView(ModelView):
        column_formatters = dict(
            json=lambda v, c, m, p: Markup("<pre>{0}</pre>".format(json.dumps(m.json))),
            safe=lambda v, c, m, p: Markup("<pre>{0}</pre>").format(json.dumps(m.json)),
        )
    """
    assert _found(code) == [("xss", "medium", 7)]


def test_routes_defined_inside_an_app_factory_are_analysed():
    code = """
    import os
    from flask import Flask, request

    def create_app(config):
        app = Flask(__name__)
        base = config["ROOT"]

        @app.route("/show/<name>")
        def show(name):
            os.system("cat " + base + "/" + name)
            return "ok"

        return app
    """
    assert _found(code) == [("command-injection", "high", 11)]


def test_argument_lists_and_explicit_shell_false_are_not_shell_commands():
    code = """
    import subprocess
    from flask import request

    def run(self, args):
        cmd = [self.binary, "--status-fd", "2"]
        cmd.extend(args)
        subprocess.Popen(cmd, shell=False)
        subprocess.run(cmd)
        subprocess.run(" ".join(cmd), shell=True)
    """
    assert _found(code) == [("command-injection", "medium", 10)]


def test_a_local_path_joined_from_a_list_stays_a_local_redirect():
    code = """
    class TrailingSlashHandler(RequestHandler):
        def get(self):
            path, *rest = self.request.uri.partition("?")
            path = "/" + path.strip("/")
            self.redirect("".join([path, *rest]))

        def post(self):
            uri = self.request.path.rstrip("/")
            self.redirect("?".join((uri, self.request.query)))
    """
    assert _found(code) == [("open-redirect", "high", 10)]


# ----------------------------------------------------------------- benign look-alikes (issue 9)
HANDLER = """
import os
from flask import Flask, request
app = Flask(__name__)

@app.route("/t")
def handler():
    param = request.args.get("v", "")
{body}
    os.system("echo " + bar)
"""


def _handler(body: str) -> list[tuple[str, str, int]]:
    return _found(HANDLER.format(body=textwrap.indent(textwrap.dedent(body), "    ")))


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("bar = param", True),
        # constant folding and dead branches
        ("if 7 * 3 > 20:\n    bar = 'safe'\nelse:\n    bar = param", False),
        ("if 7 * 3 < 20:\n    bar = 'safe'\nelse:\n    bar = param", True),
        ("num = 86\nbar = 'safe' if (7 * 42) - num > 200 else param", False),
        ("num = 106\nbar = 'safe' if (7 * 42) - num > 200 else param", True),
        ("guess = 'ABC'\nt = guess[1]\nif t == 'A':\n    bar = param\nelif t == 'B':\n    bar = 'b'", False),
        ("guess = 'ABC'\nt = guess[0]\nif t == 'A':\n    bar = param\nelif t == 'B':\n    bar = 'b'", True),
        # constant elements picked out of collections
        ("lst = ['safe', param]\nbar = lst[0]", False),
        ("lst = ['safe', param]\nbar = lst[-1]", True),
        ("lst = ['a']\nlst.append(param)\nlst.append('b')\nlst.pop(0)\nbar = lst[1]", False),
        ("lst = ['a']\nlst.append(param)\nlst.append('b')\nlst.pop(0)\nbar = lst[0]", True),
        ("m = {}\nm['keyA'] = 'safe'\nm['keyB'] = param\nbar = m['keyA']", False),
        ("m = {}\nm['keyA'] = 'safe'\nm['keyB'] = param\nbar = m['keyB']", True),
        ("m = {'a': param, 'b': 'x'}\nbar = m.get('b')", False),
        ("m = {'a': param, 'b': 'x'}\nbar = m.get('a')", True),
        ("parts = ['safe', param][0:1]\nbar = parts[0]", False),
        # casts, allow-lists, escaping
        ("bar = str(int(param))", False),
        ("bar = param if param in ('a', 'b') else 'a'", False),
        ("if param not in {'a', 'b'}:\n    raise ValueError(param)\nbar = param", False),
        ("import shlex\nbar = shlex.quote(param)", False),
    ],
)
def test_benign_look_alikes_stay_quiet_and_their_twins_are_found(body, flagged):
    assert bool(_handler(body)) is flagged


_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv, "%": operator.mod}
_CMP = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}


@settings(max_examples=150, deadline=None)
@given(
    st.integers(-50, 50), st.sampled_from(sorted(_OPS)), st.integers(-50, 50),
    st.sampled_from(sorted(_CMP)), st.integers(-200, 200),
)  # fmt: skip
def test_folding_picks_the_branch_python_would_take(a, op, b, cmp, c):
    try:
        taken = _CMP[cmp](_OPS[op](a, b), c)
    except ZeroDivisionError:
        return
    body = f"n = {a}\nif (n {op} {b}) {cmp} {c}:\n    bar = 'safe'\nelse:\n    bar = param"
    assert bool(_handler(body)) is (not taken)


def test_shell_command_lists_programs_from_requests_and_option_injection():
    code = """
    import subprocess
    from flask import request

    @app.route("/run")
    def run():
        name = request.args["name"]
        subprocess.run(["sh", "-c", "echo " + name])
        subprocess.run(["sh", "-c", "echo safe"])
        subprocess.run([name, "--version"])
        subprocess.run(["echo", name])

    def checkout(repo_type, repo_dir, ref, url, host):
        subprocess.check_output([repo_type, "checkout", ref], cwd=repo_dir)
        subprocess.check_output(["hg", "checkout", "--", ref], cwd=repo_dir)
        subprocess.check_output(["git", "clone", "--depth", "1", url])
        subprocess.check_output(["ssh", "-p", "22", "user@" + host, "ls"])
        subprocess.check_output(["git", "-C", repo_dir, "status"])
    """
    found = [(f.category, f.cwe, f.confidence.label, f.start_line) for f in _flow(code).findings]
    assert found == [
        ("command-injection", "CWE-78", "high", 8),
        ("command-injection", "CWE-78", "high", 10),
        ("command-injection", "CWE-88", "medium", 14),
        ("command-injection", "CWE-88", "medium", 16),
    ]


def test_argument_lists_added_together_stay_lists():
    code = """
    import subprocess

    def connect(args, command):
        subprocess.Popen(args + [command], stdin=subprocess.PIPE)
    """
    assert _found(code) == []


def test_the_flow_analysis_supersedes_the_rule_pack_taint_rules_only_where_it_analysed_whole():
    from bot.analysis.flow import FlowResult, superseded
    from bot.core.models import Finding, Severity

    def rule(rule_id: str, path: str) -> Finding:
        high = Severity.HIGH, Confidence.HIGH
        return Finding(rule_id, "semgrep", "sql-injection", "CWE-89", "t", *high, path, 1, 1, "m")

    result = FlowResult(analysed={"app/a.py", "app/b.py"})
    result.cuts.file("app/b.py", "`f` exceeded the per-function step bound")
    assert superseded(rule("py-sqli-untrusted-query", "app/a.py"), result)
    assert not superseded(rule("py-sqli-untrusted-query", "app/b.py"), result)
    assert not superseded(rule("py-sqli-untrusted-query", "app/c.py"), result)
    assert not superseded(rule("py-tls-verify-false", "app/a.py"), result)


def test_flask_routes_returning_request_text_location_headers_and_response_types():
    code = """
    import json
    from flask import Flask, Response, jsonify, make_response, request

    @app.route("/a")
    def a():
        name, kind = request.args.get("name", ""), request.args.get("kind")
        if kind == "x":
            return "Hello " + name
        if kind == "y":
            return {"name": name}
        if kind == "z":
            return jsonify(name=name)
        if kind == "w":
            return Response(name, mimetype="text/plain")
        if kind == "v":
            return Response("", 302, {"Location": request.args["next"]})
        resp = make_response("")
        resp.headers["Location"] = request.args["next"]
        resp.headers["Location"] = "/home"
        return f"<p>{request.args['q']}</p>", 200
    """
    assert _found(code) == [
        ("xss", "high", 9),
        ("open-redirect", "high", 17),
        ("open-redirect", "high", 19),
        ("xss", "high", 21),
    ]


def test_text_buffers_config_parsers_undoing_quotes_and_objects_resolved_by_method_name():
    code = """
    import configparser, io, os
    from urllib.parse import unquote
    from flask import request

    class Cleaner:
        def do_something(self, value):
            return value.strip()

    @app.route("/b")
    def b():
        param = request.get_data(as_text=True)
        buf = io.StringIO()
        buf.write(param)
        os.system("echo " + buf.getvalue())
        conf = configparser.ConfigParser()
        conf.set("s", "a", "safe")
        conf.set("s", "b", param)
        os.system("echo " + conf.get("s", "a"))
        os.system("echo " + conf.get("s", "b"))
        os.system("echo " + unquote(param))
        thing = make_thing()
        os.execl("/bin/sh", "sh", "-c", thing.do_something(param))
    """
    assert _found(code) == [
        ("command-injection", "high", 15),
        ("command-injection", "high", 20),
        ("command-injection", "high", 21),
        ("command-injection", "high", 23),
    ]


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("if 'abc'.upper() == 'ABC':\n    bar = 'safe'\nelse:\n    bar = param", False),
        ("if len('abcd') > 3:\n    bar = 'safe'\nelse:\n    bar = param", False),
        ("if len('ab') > 3:\n    bar = 'safe'\nelse:\n    bar = param", True),
        ("if 'x-y'.replace('-', '') == 'xy' and int('4') == 4:\n    bar = 'ok'\nelse:\n    bar = param", 0),
        ("if 'abc'.startswith(param):\n    bar = 'safe'\nelse:\n    bar = param", True),
    ],
)
def test_builtins_and_string_methods_on_constants_fold(body, flagged):
    assert bool(_handler(body)) is bool(flagged)


_LIST_OPS = st.lists(
    st.one_of(
        st.tuples(st.just("append"), st.booleans()),
        st.tuples(st.just("pop"), st.integers(-3, 3)),
        st.tuples(st.just("insert"), st.integers(-3, 3), st.booleans()),
    ),
    max_size=6,
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.booleans(), max_size=3), _LIST_OPS, st.integers(-4, 4))
def test_constant_picks_follow_python_list_semantics(start, ops, index):
    def item(tainted: bool) -> str:
        return "param" if tainted else "'safe'"

    real = list(start)
    lines = [f"lst = [{', '.join(item(t) for t in start)}]"]
    for op in ops:
        if op[0] == "append":
            real.append(op[1])
            lines.append(f"lst.append({item(op[1])})")
        elif op[0] == "pop":
            if not real or not -len(real) <= op[1] < len(real):
                continue
            real.pop(op[1])
            lines.append(f"lst.pop({op[1]})")
        else:
            real.insert(op[1], op[2])
            lines.append(f"lst.insert({op[1]}, {item(op[2])})")
    if not -len(real) <= index < len(real):
        return
    lines.append(f"bar = lst[{index}]")
    assert bool(_handler("\n".join(lines))) is real[index]


def test_a_module_constant_bound_twice_is_not_folded():
    code = """
    import os
    MODE = "safe"
    MODE = "debug"

    def run(name):
        if MODE == "safe":
            return
        os.system("echo " + name)
    """
    assert _found(code) == [("command-injection", "medium", 9)]


@pytest.mark.parametrize(
    "call",
    [
        "subprocess.Popen(cmd, shell=True, stdout=subprocess.PIPE)",
        "subprocess.check_output(self.command, shell=True)",
        "os.system(cmd)",
        "os.popen(options.get('cmd')).read()",
    ],
)
def test_a_non_constant_command_handed_whole_to_a_shell_is_a_low_finding(call):
    code = f"""
    import os
    import subprocess

    def run(self, cmd, options):
        return {call}
    """
    (finding,) = _flow(code).findings
    assert finding.category == "command-injection" and finding.start_line == 6
    assert finding.confidence is Confidence.LOW
    assert "runs through a shell" in finding.message


@pytest.mark.parametrize(
    "call",
    [
        "subprocess.Popen(cmd, stdout=subprocess.PIPE)",
        "subprocess.run(cmd, shell=False)",
        "subprocess.run([cmd, '--version'], shell=False)",
        "subprocess.run(shlex.split(cmd))",
        'subprocess.run("make install", shell=True)',
        "os.system(shlex.quote(cmd))",
        'os.system(COMMANDS["build"])',
        "pty.spawn(cmd)",
    ],
)
def test_commands_without_a_shell_or_constant_or_quoted_are_not_reported(call):
    code = f"""
    import os
    import pty
    import shlex
    import subprocess
    COMMANDS = {{"build": "make"}}

    def run(cmd):
        return {call}
    """
    assert _found(code) == []


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # a project's own query helper, given SQL text built from a parameter
        ("return self.db.fetch_all(\"SELECT * FROM u WHERE email = '%s'\" % email)", True),
        ('return run_query("DELETE FROM u WHERE email = \'" + email + "\'")', True),
        ("return self.db.query(f\"UPDATE u SET seen = 1 WHERE email = '{email}'\")", True),
        # look-alikes: bound parameters, an escaped value, constant text, not SQL, not a query helper
        ('return self.db.fetch_all("SELECT * FROM u WHERE email = :e", e=email)', False),
        ("return self.db.fetch_all(\"SELECT * FROM u WHERE email = '%s'\" % escape_string(email))", False),
        ('return self.db.query("SELECT * FROM u")', False),
        ('return self.cache.fetch("user:%s" % email)', False),
        ('log.info("Update for %s" % email)', False),
        ("return self.session.query(User).filter(User.email == email).all()", False),
    ],
)
def test_sql_text_handed_to_a_query_helper(body, flagged):
    code = f"""
    def find(self, email):
        {body}
    """
    assert bool(_found(code)) is flagged, _found(code)


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # extraction of members the code chose, HTML cleaned by bleach, bytes authenticated by an HMAC
        ("tarfile.open(path).extractall(dest, members=safe_members(path))", False),
        (
            "tar = tarfile.open(path)\n        tar.extractall(dest, [m for m in tar.getmembers() if ok(m)])",
            False,
        ),
        ("tar = tarfile.open(path)\n        tar.extractall(dest, members=tar.getmembers())", True),
        ("tarfile.open(path).extractall(dest)", True),
        ("return mark_safe(bleach.clean(markdown.markdown(dest)))", False),
        ("return mark_safe(markdown.markdown(dest))", True),
        (
            "if not hmac.compare_digest(sig, hmac.new(KEY, dest, 'sha256').digest()):\n"
            "            raise ValueError(sig)\n        return pickle.loads(dest)",
            False,
        ),
        (
            "if not verify_user(sig):\n            raise ValueError(sig)\n        return pickle.loads(dest)",
            True,
        ),
        ("return pickle.loads(dest)", True),
    ],
)
def test_filtered_members_cleaned_html_and_authenticated_bytes(body, flagged):
    code = f"""
    import hmac, pickle, tarfile

    def handle(path, dest, sig):
        {body}
    """
    assert bool(_found(code)) is flagged, _found(code)


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # format_html escapes its arguments, never its format string
        ("format_html('<a href=\"' + url + '\">' + label + '</a>')", True),
        ("format_html('<a href=\"%s\">{}</a>' % url, label)", True),
        ("format_html(f'<a href=\"{url}\">{{}}</a>', label)", True),
        ("format_html('<a href=\"{}\">{}</a>', url, label)", False),
        ("format_html(TEMPLATE, url)", False),
        ("format_html('<li>{}</li>' * len(url), *url)", False),
    ],
)
def test_format_html_takes_its_format_string_as_markup(body, flagged):
    code = f"""
    from django.utils.html import format_html
    TEMPLATE = "<a>{{}}</a>"

    def link(url, label):
        return {body}
    """
    assert bool(_found(code)) is flagged, _found(code)


@pytest.mark.parametrize(
    ("guard", "flagged"),
    [
        ("", True),
        ('if ".." in name or name.startswith("/"):\n            abort(400)', False),
        ('if "/" in name:\n            raise ValueError(name)', False),
        ('if ".." in name:\n            log(name)', True),  # noticed, not refused
        ('if "\\\\" in name or "\\0" in name:\n            abort(400)', False),
        # a word refused is not a check of the value's shape (any other path passes)
        ('if "admin" in name:\n            abort(400)', True),
        ('if "x" not in name:\n            pass\n        else:\n            abort(400)', True),
    ],
)
def test_a_value_refused_when_it_holds_a_sequence_is_checked(guard, flagged):
    code = f"""
    import os
    from flask import Flask, abort, request, send_file
    app = Flask(__name__)

    @app.route("/f")
    def f():
        name = request.args["name"]
        {guard}
        return send_file(os.path.join("/srv/files", name))
    """
    assert bool(_found(code)) is flagged, _found(code)


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("shutil.unpack_archive(path, dest)", True),
        ("shutil.unpack_archive(path, dest, filter='data')", False),
        ("shutil.make_archive(dest, 'gztar', path)", False),
    ],
)
def test_unpack_archive_without_a_filter_is_zip_slip(body, flagged):
    code = f"""
    import shutil

    def unpack(path, dest):
        {body}
    """
    assert bool(_found(code)) is flagged, _found(code)


@pytest.mark.parametrize(
    ("call", "flagged"),
    [
        # a wrapper that puts the program (a class attribute) in front of the list
        ('self.run(["clone", "--noupdate", "-q", self.url, self.path])', True),
        ('cls._popen(["ls-remote", "--symref", repo, "HEAD"])', True),
        # look-alikes: the separator, a value only after an option that takes it, constants only,
        # a list that is not a command line
        ('self.run(["clone", "--noupdate", "-q", "--", self.url, self.path])', False),
        ('self.run(["pull", "--branch", self.branch])', False),
        ('self.run(["update", "-q"])', False),
        ('self.store(["update", self.path])', False),
    ],
)
def test_a_vcs_command_line_given_to_a_wrapper_is_judged_for_option_injection(call, flagged):
    code = f"""
    class Repo(BaseRepo):
        bin_name = "hg"

        def obtain(self, repo):
            {call}
    """
    found = [(f.category, f.cwe) for f in _flow(code).findings]
    assert found == ([("command-injection", "CWE-88")] if flagged else []), found


@pytest.mark.parametrize(
    ("view", "flagged"),
    [
        ("def sql_select(request):\n    form = SQLSelectForm(request.POST or None)", True),
        ("def sql_select(request):\n    form = SQLSelectForm(data=request.POST)", True),
        # look-alikes: a form bound to what a decorator verified, or to the code's own values
        (
            "@signed_data_view\ndef sql_select(request, verified_data):\n"
            "    form = SQLSelectForm(verified_data)",
            False,
        ),
        ('def sql_select(request):\n    form = SQLSelectForm({"raw_sql": "SELECT 1"})', False),
        # a call that is not a form's constructor keeps no request data
        ("def sql_select(request):\n    form = load_form(request.POST)", False),
    ],
)
def test_a_form_bound_to_request_data_holds_it_after_is_valid(view, flagged):
    code = (
        "from app.forms import SQLSelectForm, load_form\n"
        "from app.decorators import signed_data_view\n\n"
        + view
        + '\n    if form.is_valid():\n        sql = form.cleaned_data["raw_sql"]\n'
        + "        form.cursor.execute(sql, [])\n"
    )
    found = [(f.category, f.confidence.label) for f in _flow(code).findings]
    assert found == ([("sql-injection", "high")] if flagged else []), found


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_form_and_verified_parameter_names_are_read_in_linear_time_whatever_the_name(name, sourced):
    from bot.analysis.flow import catalog
    from bot.analysis.flow.values import Val

    given_values = [Val(sources=frozenset({"request.POST"}))] if sourced else [Val(unknown=True)]
    bound = catalog.bound_form(name, given_values)
    if bound is not None:  # only a class name bound to attacker data, and it keeps that data
        assert sourced and name[:1].isupper() and name.endswith(("Form", "FormSet", "Serializer"))
        assert bound.sources == frozenset({"request.POST"})
    form = "".join(c for c in name if c.isascii() and c.isalnum())[:40]
    assert (catalog.bound_form(f"X{form}Form", given_values) is not None) is sourced
    catalog.VERIFIED_PARAM.match(name * 50)


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("if os.path.commonprefix([full, root]) != root:\n            return None", True),
        ("prefix = os.path.commonprefix([root, full])\n        return prefix == root", True),
        ("return os.path.commonprefix([full, root]) == root", True),
        # look-alikes: the component-wise check, and commonprefix used for anything but a check
        ("if os.path.commonpath([full, root]) != root:\n            return None", False),
        ("return len(os.path.commonprefix([full, root]))", False),
        ("prefix = os.path.commonprefix([root, full])\n        return os.path.relpath(full, prefix)", False),
    ],
)
def test_a_containment_check_made_with_commonprefix_is_a_weak_check(body, flagged):
    code = f"""
    import os

    def inside(root, name):
        full = os.path.realpath(os.path.join(root, name))
        {body}
    """
    found = [(f.category, f.cwe, f.start_line) for f in _flow(code).findings]
    assert bool(found) is flagged, found
    assert all(c == "path-traversal" and cwe == "CWE-22" and line >= 6 for c, cwe, line in found), found


@pytest.mark.parametrize(
    ("declared", "flagged"),
    [
        ('"""Read the stored secret."""\n            raise NotImplementedError', True),
        ("raise NotImplementedError()", True),
        ("...", True),
        # look-alikes: a method that returns a constant, or nothing
        ('return "SELECT 1"', False),
        ("pass", False),
    ],
)
def test_an_abstract_method_returns_what_an_override_may_return_not_none(declared, flagged):
    code = """
    class Store:
        def _read(self, key):
            DECLARED

        def lookup(self, cur, key):
            cur.execute("SELECT v FROM kv WHERE k = '" + self._read(key) + "'")
    """.replace("DECLARED", declared)
    found = [(f.category, f.confidence.label) for f in _flow(code).findings]
    assert found == ([("sql-injection", "medium")] if flagged else []), found


def test_a_popen_wrapper_passing_on_its_shell_off_parameter_is_quiet():
    # a git wrapper's Windows-safe Popen (GitPython 3.1.40 -> 3.1.41, a security fix seen flagged on
    # its fixing side): the command and ``shell`` come from the caller, ``shell`` off unless asked
    code = (
        "import subprocess\n\n"
        "def safer_popen(command, *, shell=False, env=None, **kwargs):\n"
        "    flags = subprocess.CREATE_NO_WINDOW\n"
        "    return subprocess.Popen(command, shell=shell, env=env, creationflags=flags, **kwargs)\n"
    )
    assert [c for c in _found(code) if c[0] == "command-injection"] == []
    # decided there, so bandit's shell=True on that line is not reported alone either
    assert ("command-injection", 5) in _flow(code).judged["app/mod.py"]


def test_a_popen_wrapper_whose_shell_is_on_or_changed_still_reports():
    code = (
        "import subprocess\n\n"
        "def run(command, shell=True):\n"
        "    return subprocess.Popen(command, shell=shell)\n\n"
        "def run_maybe(command, shell=False):\n"
        "    shell = shell or command.startswith('@')\n"
        "    return subprocess.Popen(command, shell=shell)\n"
    )
    assert [line for cat, _, line in _found(code) if cat == "command-injection"] == [4, 8]
