"""The flow analysis: a check or an escape makes a value safe for the sinks it protects, not for all.

Each row is a shape real code has (a URL check, a containment check, ``shlex.quote``, a validator of
the file that raises) with the sink it protects (quiet) and another sink the same value reaches
(still reported), and look-alikes whose check does not hold where the value is used.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python
from bot.analysis.flow import catalog as cat
from bot.analysis.flow.values import ALL_KINDS, KIND_BITS


def _categories(code: str) -> list[str]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    result = analyse_python({"app/views.py": (text, added)}, None)
    return sorted({f.category for f in result.findings})


HEAD = """
import os
import re
import shlex
import subprocess
from html import escape
from flask import Flask, abort, redirect, request, send_file
from werkzeug.utils import secure_filename
app = Flask(__name__)
ROOT = "/srv/files"
ALLOWED = {"a", "b"}
"""


def _route(body: str, helpers: str = "") -> list[str]:
    inner = textwrap.indent(textwrap.dedent(body), "    ")
    return _categories(f"{HEAD}\n{textwrap.dedent(helpers)}\n@app.route('/x')\ndef view():\n{inner}")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a shell quote makes a shell word, not SQL
        (
            """
            name = request.args["n"]
            q = shlex.quote(name)
            subprocess.run("grep " + q + " /var/log/app.log", shell=True)
            """,
            [],
        ),
        (
            """
            name = request.args["n"]
            q = shlex.quote(name)
            cur.execute("SELECT * FROM t WHERE n = '" + q + "'")
            """,
            ["sql-injection"],
        ),
        # escaped HTML is still a shell word
        (
            """
            name = request.args["n"]
            return "<p>" + escape(name) + "</p>"
            """,
            [],
        ),
        (
            """
            name = escape(request.args["n"])
            os.system("echo " + name)
            """,
            ["command-injection"],
        ),
        # a file's base name is safe for a path, not for a shell
        (
            """
            name = os.path.basename(request.args["n"])
            return send_file(os.path.join(ROOT, name))
            """,
            [],
        ),
        (
            """
            name = secure_filename(request.args["n"])
            os.system("convert " + name + " out.png")
            """,
            ["command-injection"],
        ),
        # conversions and allow-lists clear everything
        (
            """
            n = int(request.args["n"])
            os.system("kill " + str(n))
            """,
            [],
        ),
        (
            """
            name = request.args["n"]
            if name not in ALLOWED:
                abort(400)
            os.system("run " + name)
            cur.execute("SELECT * FROM " + name)
            """,
            [],
        ),
        (
            """
            name = request.args["n"]
            if not name.isdigit():
                abort(400)
            cur.execute("SELECT * FROM t WHERE id = " + name)
            """,
            [],
        ),
    ],
)
def test_escapes_and_conversions_clear_the_sinks_they_protect(body, expected):
    assert _route(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a containment check after realpath protects the file, not the SQL built from the same value
        (
            """
            path = os.path.realpath(os.path.join(ROOT, request.args["p"]))
            if not path.startswith(ROOT):
                abort(403)
            return send_file(path)
            """,
            [],
        ),
        (
            """
            path = os.path.realpath(os.path.join(ROOT, request.args["p"]))
            if not path.startswith(ROOT):
                abort(403)
            cur.execute("INSERT INTO log VALUES ('" + path + "')")
            return send_file(path)
            """,
            ["sql-injection"],
        ),
        # a prefix test on a path that still holds ``..`` is no containment check
        (
            """
            path = os.path.join(ROOT, request.args["p"])
            if not path.startswith(ROOT):
                abort(403)
            return send_file(path)
            """,
            ["path-traversal"],
        ),
        (
            """
            name = request.args["p"]
            if ".." in name or name.startswith("/"):
                abort(400)
            return send_file(os.path.join(ROOT, name))
            """,
            [],
        ),
        (
            """
            name = request.args["p"]
            if ".." in name:
                abort(400)
            return redirect(name)
            """,
            ["open-redirect"],
        ),
        # a check whose failure branch carries on checks nothing
        (
            """
            name = request.args["p"]
            if ".." in name:
                app.logger.warning("odd name %s", name)
            return send_file(os.path.join(ROOT, name))
            """,
            ["path-traversal"],
        ),
        (
            """
            root = os.path.realpath(ROOT)
            path = os.path.realpath(os.path.join(root, request.args["p"]))
            if os.path.commonpath([root, path]) != root:
                abort(403)
            return send_file(path)
            """,
            [],
        ),
        (
            """
            path = os.path.realpath(os.path.join(ROOT, request.args["p"]))
            if os.path.commonprefix([ROOT, path]) != ROOT:
                abort(403)
            cur.execute("SELECT * FROM f WHERE p = '" + path + "'")
            return send_file(path)
            """,
            # the guard is reported as a weak containment check (character-wise), and protects
            # no SQL; the sink it guards is not reported a second time
            ["path-traversal", "sql-injection"],
        ),
        (
            """
            name = request.args["p"]
            if os.path.basename(name) != name:
                abort(400)
            return send_file(os.path.join(ROOT, name))
            """,
            [],
        ),
        (
            """
            name = request.args["p"]
            if os.path.basename(name) != name:
                app.logger.info("a directory part")
            return send_file(os.path.join(ROOT, name))
            """,
            ["path-traversal"],
        ),
        (
            """
            from pathlib import Path
            target = (Path(ROOT) / request.args["p"]).resolve()
            if Path(ROOT) not in target.parents:
                abort(403)
            return send_file(target)
            """,
            [],
        ),
        (
            """
            from pathlib import Path
            target = Path(ROOT) / request.args["p"]
            if Path(ROOT) not in target.parents:
                abort(403)
            return send_file(target)
            """,
            ["path-traversal"],
        ),
        (
            """
            from pathlib import Path
            target = (Path(ROOT) / request.args["p"]).resolve()
            if not target.is_relative_to(ROOT):
                abort(403)
            return target.read_text()
            """,
            [],
        ),
        # a URL's scheme checked: any host is still possible, and the text is still SQL
        (
            """
            url = request.args["next"]
            if not url.startswith("https://"):
                abort(400)
            return redirect(url)
            """,
            ["open-redirect"],
        ),
        (
            """
            url = request.args["next"]
            if not url.startswith("https://example.com/"):
                abort(400)
            return redirect(url)
            """,
            [],
        ),
        (
            """
            url = request.args["next"]
            if not url.startswith("https://example.com/"):
                abort(400)
            cur.execute("SELECT * FROM visits WHERE url = '" + url + "'")
            return redirect(url)
            """,
            ["sql-injection"],
        ),
        (
            """
            n = request.args["n"]
            try:
                int(n)
            except ValueError:
                abort(400)
            cur.execute("SELECT * FROM t WHERE id = " + n)
            """,
            [],
        ),
        (
            """
            n = request.args["n"]
            try:
                int(n)
            except ValueError:
                app.logger.info("not a number")
            cur.execute("SELECT * FROM t WHERE id = " + n)
            """,
            ["sql-injection"],
        ),
    ],
)
def test_guards_protect_the_sink_kind_they_check(body, expected):
    assert _route(body) == expected


@pytest.mark.parametrize("pattern", [r"[a-z0-9_]+", r"[\w.-]+", r"(?i)^[a-z][a-z0-9_-]*$"])
def test_a_regex_validates_for_the_kinds_its_characters_allow(pattern):
    body = f"""
    name = request.args["n"]
    if not re.fullmatch(r"{pattern}", name):
        abort(400)
    return send_file(os.path.join(ROOT, name))
    """
    assert _route(body) == []
    shell = f"""
    name = request.args["n"]
    if not re.fullmatch(r"{pattern}", name):
        abort(400)
    os.system("touch " + name)
    """
    assert _route(shell) == []


def test_a_regex_that_admits_quotes_or_slashes_does_not_validate_for_those_sinks():
    body = """
    name = request.args["n"]
    if not re.match(r"^[\\w /'-]+$", name):
        abort(400)
    cur.execute("SELECT * FROM t WHERE n = '" + name + "'")
    return send_file(os.path.join(ROOT, name))
    """
    assert _route(body) == ["path-traversal", "sql-injection"]
    unanchored = """
    name = request.args["n"]
    if not re.match(r"[a-z]+", name):
        abort(400)
    return send_file(os.path.join(ROOT, name))
    """
    assert _route(unanchored) == ["path-traversal"]
    searched = """
    name = request.args["n"]
    if re.search(r"[^a-zA-Z0-9_.]", name):
        abort(400)
    return send_file(os.path.join(ROOT, name))
    """
    assert _route(searched) == []


def test_a_compiled_pattern_of_the_module_is_read():
    helpers = """
    NAME = re.compile(r"^[a-z]+$")
    LOOSE = re.compile(r"^.+$")
    """
    ok = """
    name = request.args["n"]
    if not NAME.match(name):
        abort(400)
    os.system("touch " + name)
    """
    loose = ok.replace("NAME.match", "LOOSE.match")
    assert _route(ok, helpers) == []
    assert _route(loose, helpers) == ["command-injection"]


def test_a_validator_of_the_file_that_raises_checks_for_its_kind():
    helpers = """
    def check_inside(path):
        real = os.path.realpath(path)
        if not real.startswith(ROOT):
            raise ValueError("outside the root")

    def check_inside_quietly(path):
        real = os.path.realpath(path)
        if not real.startswith(ROOT):
            app.logger.warning("outside the root")

    def check_slug(value):
        if not re.fullmatch(r"[a-z0-9-]+", value):
            raise ValueError(value)
        return value
    """
    guarded = """
    path = os.path.realpath(os.path.join(ROOT, request.args["p"]))
    check_inside(path)
    return send_file(path)
    """
    assert _route(guarded, helpers) == []
    assert _route(guarded.replace("check_inside", "check_inside_quietly"), helpers) == ["path-traversal"]
    other_sink = """
    path = os.path.realpath(os.path.join(ROOT, request.args["p"]))
    check_inside(path)
    os.system("cat " + path)
    """
    assert _route(other_sink, helpers) == ["command-injection"]
    slug = """
    name = request.args["n"]
    check_slug(name)
    os.system("touch " + name)
    """
    assert _route(slug, helpers) == []


def test_a_boolean_check_of_the_file_counts_for_the_kind_it_checks():
    helpers = """
    def is_inside(path):
        return os.path.realpath(path).startswith(ROOT + os.sep)

    def is_known(name):
        if name in ALLOWED:
            return True
        return False
    """
    body = """
    path = os.path.join(ROOT, request.args["p"])
    if not is_inside(path):
        abort(403)
    cur.execute("SELECT * FROM t WHERE p = '" + path + "'")
    return send_file(path)
    """
    assert _route(body, helpers) == ["sql-injection"]
    known = """
    name = request.args["n"]
    if not is_known(name):
        abort(400)
    os.system("run " + name)
    """
    assert _route(known, helpers) == []


def test_a_checked_parameter_joined_with_a_default_keeps_its_check():
    code = """
    from urllib.parse import urlparse
    class Login(RequestHandler):
        def _go(self, url, default=None):
            if default is None:
                default = self.base_url
            if not url.startswith("https://example.com/"):
                url = default
            self.redirect(url)

        def get(self):
            self._go(self.get_argument("next"))
    """
    assert _categories(code) == []


def test_an_allow_list_of_a_part_of_the_value_checks_nothing_else():
    body = """
    name = request.args["n"]
    if name.rsplit(".", 1)[-1].lower() not in {"png", "jpg"}:
        abort(400)
    return send_file(os.path.join(ROOT, name))
    """
    assert _route(body) == ["path-traversal"]


def test_sanitiser_kinds():
    assert cat.sanitiser_bits("shlex.quote") == KIND_BITS["shell"]
    assert cat.sanitiser_bits("html.escape") == KIND_BITS["html"]
    assert cat.sanitiser_bits("re.escape") == KIND_BITS["regex"]
    assert cat.sanitiser_bits("os.path.basename") == KIND_BITS["path"]
    assert cat.sanitiser_bits("int") == ALL_KINDS
    assert cat.sanitiser_bits("escape_sql_value") == KIND_BITS["sql"]
    assert cat.sanitiser_bits("unquote") == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_regex_check_never_raises_and_stays_within_the_kinds(pattern):
    for how in ("match", "fullmatch", "search"):
        when_true, when_false = cat.regex_check(pattern, how)
        assert 0 <= when_true <= ALL_KINDS
        assert 0 <= when_false <= ALL_KINDS


def test_regex_check_is_bounded_on_long_patterns():
    assert cat.regex_check("(" * 50_000 + "a", "fullmatch") == (0, 0)
    assert cat.regex_check("[a-z]" * 99, "fullmatch")[0] & KIND_BITS["sql"]


def test_a_wsgi_request_path_is_attacker_data_and_a_rooted_normpath_keeps_it_inside():
    code = """
    import os
    import posixpath

    class Server:
        def _serve(self, environ, start_response):
            path = environ["PATH_INFO"]
            rel = path[len(self.mount):].lstrip("/")
            return open(os.path.join(self.root, rel), "rb")

        def _serve_fixed(self, environ, start_response):
            path = environ["PATH_INFO"]
            rel = posixpath.normpath("/" + path[len(self.mount):]).lstrip("/")
            return open(os.path.join(self.root, rel), "rb")

        def helper(self, environ):
            return open(environ["name"])
    """
    text = textwrap.dedent(code)
    result = analyse_python({"srv.py": (text, frozenset(range(1, 30)))}, None)
    assert [(f.category, f.start_line) for f in result.findings] == [("path-traversal", 9)]


def test_an_asgi_scope_is_attacker_data():
    code = """
    import os
    from starlette.responses import FileResponse
    from starlette.types import Scope

    class Files:
        def get_path(self, scope: Scope) -> str:
            return FileResponse(os.path.join(self.directory, scope["path"]))

        async def __call__(self, scope, receive, send):
            return FileResponse(os.path.join(self.directory, scope["path"]))

        def other(self, scope):
            return FileResponse(os.path.join(self.directory, scope["path"]))
    """
    text = textwrap.dedent(code)
    result = analyse_python({"files.py": (text, frozenset(range(1, 30)))}, None)
    assert sorted((f.category, f.start_line) for f in result.findings) == [
        ("path-traversal", 8),
        ("path-traversal", 11),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            'import shutil\nshutil.copy("/srv/template.txt", os.path.join(ROOT, request.args["n"]))',
            ["path-traversal"],
        ),
        ('os.rename(os.path.join(ROOT, "a"), os.path.join(ROOT, request.args["n"]))', ["path-traversal"]),
        ('import shutil\nshutil.copy("/srv/template.txt", os.path.join(ROOT, "fixed.txt"))', []),
        ('from flask import send_from_directory\nreturn send_from_directory(ROOT, request.args["n"])', []),
        (
            'from flask import send_from_directory\nreturn send_from_directory(request.args["d"], "a.txt")',
            ["path-traversal"],
        ),
    ],
)
def test_both_ends_of_a_copy_and_the_directory_of_send_from_directory_are_path_sinks(body, expected):
    assert _route(body) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # a file name the caller chooses, joined under a root and opened, served or removed
        ("def load(name):\n    return open(os.path.join(DATA, '%s.dat' % name), 'rb')", ["path-traversal"]),
        ("def drop(self, key):\n    os.remove(os.path.join(self.root, key))", ["path-traversal"]),
        (
            "def read(self, filename):\n    return (Path(self.base) / filename).read_text()",
            ["path-traversal"],
        ),
        ("def read(self, filename):\n    return open(Path(self.base) / filename)", ["path-traversal"]),
        # the parameter is the whole path, or its start: its caller's to check
        ("def load(path):\n    return open(path, 'rb')", []),
        ("def save(base_path, data):\n    open(base_path + '.crt', 'wb').write(data)", []),
        ("def save(path=None):\n    if path is None:\n        path = make_temp()\n    open(path, 'w')", []),
        # names that are not file names, and checked names
        ("def report(count):\n    open(os.path.join(DATA, str(count) + '.txt'))", []),
        ("def load(name):\n    return open(os.path.join(DATA, os.path.basename(name)))", []),
        (
            "def load(name):\n    if not re.fullmatch(r'[a-z_]+', name):\n        raise ValueError(name)\n"
            "    return open(os.path.join(DATA, name + '.dat'))",
            [],
        ),
    ],
)
def test_a_path_built_from_a_file_name_parameter_is_reported_without_a_visible_source(code, expected):
    head = "import os\nimport re\nfrom pathlib import Path\nDATA = '/srv/data'\n"
    assert _categories(head + code) == expected


def test_a_path_built_from_a_parameter_in_a_test_file_is_not_reported():
    code = "import os\ndef load(name):\n    return open(os.path.join('/srv', name))\n"
    found = analyse_python({"tests/test_load.py": (code, frozenset(range(1, 5)))}, None)
    assert found.findings == []


def test_relative_to_in_a_try_whose_handler_rejects_is_a_containment_check():
    checked = """
    from pathlib import Path
    target = (Path(ROOT) / request.args["p"]).resolve()
    try:
        target.relative_to(ROOT)
    except ValueError:
        abort(404)
    return send_file(target)
    """
    assert _route(checked) == []
    unresolved = checked.replace(".resolve()", "")
    assert _route(unresolved) == ["path-traversal"]
    logged = checked.replace("abort(404)", "app.logger.warning('outside')")
    assert _route(logged) == ["path-traversal"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("tar.extractall(dest)", ["path-traversal"]),
        ('tar.extractall(dest, filter="data")', []),
        ("tar.extractall(dest, filter=tarfile.data_filter)", []),
        ('tar.extractall(dest, filter="fully_trusted")', ["path-traversal"]),
        ("tar.extractall(dest, filter=None)", ["path-traversal"]),
    ],
)
def test_a_tar_extraction_is_safe_only_with_a_refusing_filter(call, expected):
    code = f"""
    import tarfile

    def unpack(archive, dest):
        with tarfile.open(archive) as tar:
            {call}
    """
    assert _categories(code) == expected


def test_an_http_server_handler_path_is_attacker_data():
    code = """
    import os
    from http.server import SimpleHTTPRequestHandler

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self):
            with open(os.path.join(self.directory, self.path.lstrip("/")), "rb") as f:
                self.wfile.write(f.read())

    class Other:
        def do_GET(self):
            with open(os.path.join(self.directory, self.path.lstrip("/")), "rb") as f:
                return f.read()
    """
    text = textwrap.dedent(code)
    result = analyse_python({"srv.py": (text, frozenset(range(1, 20)))}, None)
    assert [(f.category, f.start_line, f.confidence.label) for f in result.findings] == [
        ("path-traversal", 7, "high")
    ]


def test_the_common_path_check_of_a_helper_counts_for_its_callers():
    helpers = """
    def is_within_directory(directory, target):
        abs_directory = os.path.abspath(directory)
        abs_target = os.path.abspath(target)
        prefix = os.path.commonpath([abs_directory, abs_target])
        return prefix == abs_directory
    """
    body = """
    path = os.path.join(ROOT, request.args["p"])
    if not is_within_directory(ROOT, path):
        raise ValueError("outside")
    return send_file(path)
    """
    assert _route(body, helpers) == []
    assert _route(body.replace("raise ValueError", "print"), helpers) == ["path-traversal"]
    # the character-wise form still guards the caller's sink, and is itself reported, in the helper
    weak = textwrap.dedent(helpers.replace("commonpath", "commonprefix"))
    code = f"{HEAD}\n{weak}\n@app.route('/x')\ndef view():\n{textwrap.indent(textwrap.dedent(body), '    ')}"
    result = analyse_python({"app/views.py": (code, frozenset(range(1, code.count(chr(10)) + 2)))}, None)
    check = code.splitlines().index("    return prefix == abs_directory") + 1
    # from the call to the comparison: a change to either line is anchored on the check
    assert [(f.category, f.start_line, f.end_line) for f in result.findings] == [
        ("path-traversal", check - 1, check)
    ]


def test_an_isinstance_check_for_a_number_type_proves_the_value_a_number():
    # Django's numberformat.format: `if isinstance(number, int) ...: return mark_safe(str(number))`
    code = textwrap.dedent(
        """
        from django.utils.safestring import mark_safe

        def fmt(number, grouping=0):
            if isinstance(number, (int, float)) and not grouping:
                return mark_safe(str(number))
            return ""

        def loose(number):
            if isinstance(number, (int, str)):
                return mark_safe(str(number))
            return ""
        """
    ).lstrip("\n")
    added = frozenset(range(1, len(code.splitlines()) + 1))
    found = analyse_python({"app/numbers.py": (code, added)}, None).findings
    assert [(f.start_line, f.category) for f in found] == [(10, "xss")]
