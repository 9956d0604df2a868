"""The flow analysis on API misuse of real projects' fixes (issue 9): template source compiled outside a
sandbox (CWE-1336), secrets compared with ``==`` (CWE-208), predictable paths in a shared temporary
directory (CWE-377); each with the benign look-alikes that must stay quiet."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python, leaks, misuse
from bot.analysis.flow.values import UNKNOWN, Val, const


def _found(src: str, path: str = "app/service.py") -> list[tuple[int, str, str]]:
    text = textwrap.dedent(src).lstrip("\n")
    added = frozenset(range(1, len(text.splitlines()) + 1))
    result = analyse_python({path: (text, added)}, None)
    return [(f.start_line, f.category, f.confidence.name.lower()) for f in result.findings]


def _of(found: list[tuple[int, str, str]], category: str) -> list[tuple[int, str]]:
    return [(line, level) for line, cat, level in found if cat == category]


# -- templates -----------------------------------------------------------------------------------


def test_template_source_from_a_parameter_in_a_plain_environment_is_medium():
    # vault-cli (CVE-2021-43837), salt (CVE-2021-25283): a plain Environment compiling text it is given
    found = _found(
        """
        import jinja2

        def render_template(template, search_path):
            env = jinja2.Environment(loader=jinja2.FileSystemLoader(search_path))
            return env.from_string(template).render()

        def render_template_file(path):
            with open(path) as f:
                return jinja2.Template(f.read()).render()
        """
    )
    assert _of(found, "template-injection") == [(5, "medium"), (9, "low")]


def test_request_data_compiled_as_a_template_stays_a_code_injection():
    found = _found(
        """
        from flask import request, render_template_string

        def page():
            return render_template_string(request.args["t"])
        """
    )
    assert [c for _, c, _ in found if c in {"code-injection", "template-injection"}] == ["code-injection"]


def test_request_data_compiled_in_a_sandboxed_environment_is_not_code_injection():
    # jinja2's own answer to templates written by users; the plain environment beside it still counts
    found = _found(
        """
        from flask import request
        from jinja2 import Environment
        from jinja2.sandbox import SandboxedEnvironment

        def sandboxed():
            env = SandboxedEnvironment()
            return env.from_string(request.args["t"]).render()

        def plain():
            env = Environment()
            return env.from_string(request.args["t"]).render()
        """
    )
    assert [(line, c) for line, c, _ in found if c in {"code-injection", "template-injection"}] == [
        (11, "code-injection")
    ]


@pytest.mark.parametrize(
    "src",
    [
        # a sandboxed environment (the fix real projects made)
        """
        from jinja2.sandbox import SandboxedEnvironment

        def render(template, ctx):
            env = SandboxedEnvironment()
            return env.from_string(template).render(**ctx)
        """,
        """
        import jinja2.sandbox

        def render(template):
            return jinja2.sandbox.ImmutableSandboxedEnvironment().from_string(template).render()
        """,
        # an environment built elsewhere in a module that imports the sandbox
        """
        from jinja2.sandbox import SandboxedEnvironment

        class Renderer:
            def render(self, template):
                return self.env.from_string(template).render()
        """,
        # the sandbox imported as a module, the environment built in another method
        """
        import jinja2.sandbox

        class Renderer:
            def __init__(self):
                self.env = jinja2.sandbox.SandboxedEnvironment()

            def render(self, template):
                return self.env.from_string(template).render()
        """,
        # constant template source
        """
        import jinja2

        def greet(name):
            return jinja2.Template("Hello {{ name }}").render(name=name)
        """,
        # from_string of something that is not a template environment
        """
        from packageurl import PackageURL

        def parse(purl):
            return PackageURL.from_string(purl)
        """,
    ],
)
def test_sandboxed_constant_and_unrelated_from_string_are_quiet(src):
    assert _of(_found(src), "template-injection") == []


# -- timing ---------------------------------------------------------------------------------------


def test_an_hmac_digest_or_a_signature_compared_with_equality_is_medium():
    found = _found(
        """
        import hashlib
        import hmac
        from flask import request, abort

        def verify(body, signature, key):
            expected = hmac.new(key, body, hashlib.sha256).hexdigest()
            if signature != expected:
                return False
            return hmac.new(key, body, hashlib.sha256).hexdigest() == signature

        def webhook():
            if request.headers.get("X-Api-Key") != settings.API_KEY:
                abort(403)
        """
    )
    assert _of(found, "timing-attack") == [(7, "medium"), (9, "medium"), (12, "medium")]


def test_a_credential_looked_up_in_the_allowed_ones_is_low():
    # django-anymail (CVE-2018-6596): basic auth checked with ``not in``
    found = _found(
        """
        class Webhook:
            def validate_request(self, request):
                basic_auth = get_request_basic_auth(request)
                if basic_auth is None or basic_auth not in self.basic_auth:
                    raise ValidationFailure()
        """
    )
    assert _of(found, "timing-attack") == [(4, "low")]


@pytest.mark.parametrize(
    "src",
    [
        # the fix: a constant-time comparison
        """
        import hmac

        def verify(signature, expected):
            return hmac.compare_digest(signature, expected)
        """,
        # presence, emptiness and length checks, literals
        """
        import hmac

        def verify(signature, token):
            if signature is None or token == "" or len(signature) != 64:
                return False
            return signature != "unsigned"
        """,
        # a lexer's tokens and a signal handler
        """
        def lex(token, sig):
            if token == TOKEN_DATA or token in (COMMENT, ERROR):
                return 1
            if sig == signal.SIGHUP:
                return 2
        """,
        # a secret type's own equality
        """
        import hmac

        class Secret:
            def __eq__(self, other):
                return self.secret == other.secret
        """,
        # an application's own CSRF check (kotti's fix): the check is the fix, not a flaw
        """
        def share_node(context, request):
            if request.params.get("csrf_token") != request.session.get_csrf_token():
                raise HTTPBadRequest("Invalid CSRF token")
        """,
        # a key size, a token type
        """
        import hmac

        def check(secret_key, token):
            if len(secret_key) != SECRET_KEY_BYTES:
                raise ValueError()
            return token.type == other.type
        """,
        # a download's checksum compared with the expected one: a plain hash, no secret in it
        """
        import hashlib
        import hmac

        def download_ok(chunks, expected):
            checksum = hashlib.md5()
            for chunk in chunks:
                checksum.update(chunk)
            return checksum.hexdigest() == expected
        """,
    ],
)
def test_timing_look_alikes_are_quiet(src):
    assert _of(_found(src), "timing-attack") == []


# -- temporary files ------------------------------------------------------------------------------


def test_predictable_paths_in_the_shared_temporary_directory_are_medium():
    found = _found(
        """
        import os
        import tempfile

        def write_state(name, pid, data):
            with open(os.path.join(tempfile.gettempdir(), name), "w") as f:
                f.write(data)
            with open(f"/tmp/{pid}.log", "a") as log:
                log.write(data)
            os.makedirs("/tmp/yara-silly-silly", exist_ok=True)
        """
    )
    assert _of(found, "insecure-temp-file") == [(5, "medium"), (7, "medium"), (9, "medium")]


@pytest.mark.parametrize(
    ("src", "path"),
    [
        # the fixes: a private directory or a securely created file
        (
            """
            import os
            import tempfile

            def write_state(data):
                fd, path = tempfile.mkstemp()
                with os.fdopen(fd, "w") as f:
                    f.write(data)
                d = tempfile.mkdtemp()
                with open(os.path.join(d, "state"), "w") as f:
                    f.write(data)
            """,
            "app/service.py",
        ),
        # reading a path in /tmp, a random name, a user-private directory
        (
            """
            import os
            import tempfile
            import uuid

            def read_state(dirname):
                with open("/tmp/state.json") as f:
                    data = f.read()
                with open(f"/tmp/{uuid.uuid4().hex}.json", "w") as f:
                    f.write(data)
                os.mkdir("/tmp/cache-%d" % os.getuid(), 0o700)
                actual_dir = os.path.join(tempfile.gettempdir(), dirname)
                os.mkdir(actual_dir, 448)  # jinja2's fix: owner only, fails if it exists
                private = os.path.join(tempfile.gettempdir(), "app-%d" % os.getuid())
                with open(os.path.join(private, "state"), "w") as f:
                    f.write(data)
            """,
            "app/service.py",
        ),
        # test code writes to /tmp on purpose
        (
            """
            def test_write():
                with open("/tmp/out.txt", "w") as f:
                    f.write("x")
            """,
            "tests/test_out.py",
        ),
    ],
)
def test_temporary_file_look_alikes_are_quiet(src, path):
    assert _of(_found(src, path), "insecure-temp-file") == []


# -- the predicates on any text ---------------------------------------------------------------------


_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-0123456789", max_size=60)


@settings(max_examples=200, deadline=None)
@given(left=_NAMES, right=_NAMES, op=st.sampled_from([ast.Eq(), ast.NotEq(), ast.In(), ast.Is(), ast.Lt()]))
def test_the_timing_check_takes_any_names_and_never_flags_a_literal(left, right, op):
    def side(name: str, value: Val) -> misuse.Operand:
        node = ast.Name(id=name or "x")
        return misuse.Operand(node, value, misuse.operand_name(node), mac=False)

    level, _ = misuse.timing_level(op, side(left, UNKNOWN), side(right, const(right)), crypto_module=True)
    assert level == ""
    level, what = misuse.timing_level(op, side(left, UNKNOWN), side(right, UNKNOWN), crypto_module=True)
    assert level in {"", "low", "medium"}
    assert (level == "") == (what == "")
    if not isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn):
        assert level == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_the_shared_temporary_path_test_takes_any_text(text):
    value = const(text)
    assert misuse.shared_tmp_path(value) == text.startswith(misuse.SHARED_TMP)
    assert misuse.template_level(value) == ""


# -- exception text in responses, secrets in logs, the search path ---------------------------------


def test_exception_text_or_a_traceback_sent_to_the_client():
    found = _found(
        """
        import traceback
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/sync")
        def sync():
            try:
                run()
            except Exception as e:
                return jsonify(error=str(e)), 500

        @app.route("/report")
        def report():
            try:
                run()
            except KeyError:
                return {"trace": traceback.format_exc()}, 500

        @app.route("/import")
        def import_():
            try:
                run()
            except OSError as exc:
                return f"failed: {exc}", 500
        """
    )
    assert _of(found, "information-exposure") == [(10, "medium"), (17, "medium"), (24, "low")]


@pytest.mark.parametrize(
    "src",
    [
        # the fix: log it, answer with a generic message
        """
        import logging
        from flask import Flask, jsonify
        app = Flask(__name__)
        log = logging.getLogger(__name__)

        @app.route("/sync")
        def sync():
            try:
                run()
            except Exception:
                log.exception("sync failed")
                return jsonify(error="internal error"), 500
        """,
        # a validation error's message is written for the caller
        """
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/items", methods=["POST"])
        def create():
            try:
                item = schema.load(request.json)
            except ValidationError as err:
                return jsonify(errors=err.messages), 400
        """,
        # a helper that is not a request handler returns the text to its caller
        """
        def describe(action):
            try:
                action()
            except Exception as e:
                return str(e)
        """,
        # http.client's HTTPException and a file's write are not responses
        """
        import http.client

        def fetch(conn, out):
            try:
                conn.request("GET", "/")
            except Exception as e:
                out.write(str(e))
                raise http.client.HTTPException(str(e))
        """,
        # the user's own expression failing to parse: the message is about their input
        """
        import ast
        from flask import Flask, request, jsonify

        app = Flask(__name__)

        @app.post("/calc")
        def calculate():
            expression = request.form.get("expr", "0")
            try:
                value = ast.literal_eval(expression)
            except (ValueError, SyntaxError) as exc:
                return jsonify(error=str(exc)), 400
            return jsonify(result=value)
        """,
    ],
)
def test_exception_look_alikes_are_quiet(src):
    assert _of(_found(src), "information-exposure") == []


def test_secrets_written_to_logs():
    found = _found(
        """
        import logging
        logger = logging.getLogger(__name__)

        def connect(user, password, api_key, headers):
            logger.info("connecting %s with %s", user, password)
            logger.debug(f"key={api_key}")
            logger.debug("auth %s", headers["Authorization"])
        """
    )
    assert _of(found, "information-exposure") == [(5, "medium"), (6, "medium"), (7, "medium")]


def test_log_look_alikes_are_quiet():
    src = """
        import logging
        logger = logging.getLogger(__name__)

        def connect(user, password, token_type, run_secrets):
            logger.info("password changed for %s", user)
            logger.info("password length %d", len(password))
            logger.info("token type %s, secrets scan %s", token_type, run_secrets)
            logger.info("password set: %s", password is not None)
            logger.info("key %s...", password[:2])
        """
    assert _of(_found(src), "information-exposure") == []


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("sys.path.insert(0, os.getcwd())", "medium"),
        ('sys.path.insert(0, "")', "medium"),
        ('sys.path.insert(0, "lib")', "low"),
        ('sys.path.append(".")', "low"),
        ("sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))", ""),
        ('sys.path.insert(0, "/opt/app/lib")', ""),
    ],
)
def test_the_current_directory_on_the_search_path(line, level):
    src = f"import os\nimport sys\n{line}\n"
    assert _of(_found(src, "app/main.py"), "uncontrolled-search-path") == ([(3, level)] if level else [])
    assert _of(_found(src, "tests/conftest.py"), "uncontrolled-search-path") == []


_SOURCE_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_.()[]'\"=:, \n", max_size=300)


@settings(max_examples=200, deadline=None)
@given(_SOURCE_TEXT)
def test_the_shape_checks_take_any_parseable_text(text):
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return
    hits = list(leaks.module_hits(tree, {}, "app/any.py"))
    assert all(h.kind in {"exposure", "logged", "search-path"} for h in hits)


def test_a_stored_value_passed_to_a_helper_that_compiles_it_outside_a_sandbox_is_low():
    found = _found(
        """
        import jinja2
        from jinja2.sandbox import SandboxedEnvironment

        def render(template):
            return jinja2.Environment().from_string(template).render()

        def render_safe(template):
            return SandboxedEnvironment().from_string(template).render()

        def show(db, key):
            row = db.fetch_template(key)
            return render(row.body) + render_safe(row.body) + render("Hello")
        """
    )
    assert _of(found, "template-injection") == [(5, "medium"), (12, "low")]


def test_serialisers_exposing_secrets():
    found = _found(
        """
        from rest_framework import serializers

        class UserSerializer(serializers.ModelSerializer):
            class Meta:
                model = User
                fields = "__all__"

        class Account:
            def to_dict(self):
                return {"id": self.id, "email": self.email, "password_hash": self.password_hash}
        """
    )
    assert _of(found, "information-exposure") == [(6, "low"), (10, "medium")]


def test_serialiser_look_alikes_are_quiet():
    src = """
        from rest_framework import serializers

        class UserSerializer(serializers.ModelSerializer):
            class Meta:
                model = User
                fields = ["id", "email"]

        class TagSerializer(serializers.ModelSerializer):
            class Meta:
                model = Tag
                fields = "__all__"

        class Account:
            def to_dict(self):
                return {"id": self.id, "password_set": self.password is not None, "token_type": "bearer"}

            def login_form(self):
                return {"password": self.password}
        """
    assert _of(_found(src), "information-exposure") == []


# -- a function seen without its module: a bare Template(), |safe in an inline template ----------


def test_a_bare_template_class_compiling_a_parameter_is_flagged_without_its_import():
    # held-out pairs are single functions: pwntools' shellcraft (CVE-2020-28468) compiled the text it
    # was given with mako's Template, imported at the top of a module the function is seen without
    found = _found(
        """
        def generate(name, params):
            return Template(params["body"]).render(name=name)

        class Mailer:
            def render_body(self, context):
                return Template(self.settings.body_template).render(**context)
        """
    )
    assert _of(found, "template-injection") == [(2, "medium"), (6, "low")]


@pytest.mark.parametrize(
    "src",
    [
        # string.Template substitutes names only: no code runs
        "def build(fmt, user):\n    return Template(fmt).substitute(user=user.name)\n",
        "from string import Template\n\ndef build(fmt, ctx):\n    return Template(fmt).render(**ctx)\n",
        # the module's own Template class
        "class Template:\n    def render(self):\n        return ''\n\n"
        "def build(fmt):\n    return Template(fmt).render()\n",
        # a constant template
        "def generate(body):\n    return Template('${body}').render(body=body)\n",
    ],
)
def test_bare_template_look_alikes_are_quiet(src):
    found = _found(src)
    assert not _of(found, "template-injection") and not _of(found, "code-injection")


def test_a_value_marked_safe_in_an_inline_template_is_xss():
    found = _found(
        """
        from flask import request, render_template_string

        def comment_html(comment):
            return render_template_string("<div class='c'>{{ body|safe }}</div>", body=comment.body)

        def greet():
            name = request.args.get("name", "")
            return render_template_string("<p>{{- name | safe }}</p>", name=name)
        """
    )
    assert _of(found, "xss") == [(4, "medium"), (8, "high")]


@pytest.mark.parametrize(
    "call",
    [
        'render_template_string("<div>{{ body }}</div>", body=comment.body)',
        'render_template_string("<div>{{ body|safe }}</div>", body=escape(comment.body))',
        'render_template_string("<div>{{ links|safe }}</div>", links=\'<a href="/">home</a>\')',
        'render_template_string("<div>{{ other|safe }}</div>", body=comment.body)',
    ],
)
def test_safe_filter_look_alikes_are_quiet(call):
    head = "from flask import render_template_string\nfrom markupsafe import escape\n\n"
    src = f"{head}def view(comment):\n    return {call}\n"
    assert not _of(_found(src), "xss")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="{}|- \tsafe_.[]'\"ab<>", max_size=400))
def test_the_safe_filter_reader_takes_any_text(text):
    names = misuse.safe_filtered(text)
    assert all(n.isidentifier() for n in names)


def test_the_safe_filter_reader_is_linear_on_long_text():
    assert misuse.safe_filtered("{{ " * 20_000 + "a" * 20_000 + " |" * 20_000) == set()
    assert misuse.safe_filtered("{{" + " " * 50_000 + "|safe") == set()


def test_html_responses_and_lookups_in_functions_seen_alone():
    # held-out pairs are single functions: Flask's Response and Tornado's RequestHandler without imports,
    # and a module or attribute chosen by request data (CWE-470)
    found = _found(
        """
        def error_page(self, message):
            body = f"<html><body><h1>Error</h1><p>{message}</p></body></html>"
            return Response(body, mimetype="text/html")

        class Handler(RequestHandler):
            def get(self):
                name = self.get_argument("name")
                self.write("<p>Hello %s</p>" % name)

        def export(request):
            fmt = request.GET.get("format", "csv")
            return importlib.import_module("exporters." + fmt).export(request)

        def call(request):
            method = getattr(service, request.json["method"])
            return method(**request.json.get("params", {}))
        """
    )
    assert _of(found, "xss") == [(3, "medium"), (8, "high")]
    assert _of(found, "code-injection") == [(12, "high"), (15, "medium")]


def test_html_response_and_lookup_look_alikes_are_quiet():
    found = _found(
        """
        def ok(self, message):
            return Response(message, mimetype="text/plain")

        class Handler(RequestHandler):
            def put(self):
                self.write({"ok": True})
                self.write("<p>%s</p>" % escape(self.get_argument("x")))

        class Store:
            def save(self, row):
                self.write("<p>%s</p>" % row)

        def export(request):
            fmt = request.GET.get("format", "csv")
            if fmt not in ("csv", "json"):
                raise ValueError(fmt)
            return getattr(importlib.import_module("exporters." + fmt), fmt)(request)

        def load(name):
            return importlib.import_module(name)
        """
    )
    assert not _of(found, "xss") and not _of(found, "code-injection")


# djangorestframework-simplejwt 5.2.2 -> 5.3.0 JWTAuthentication.get_user (CVE-2024-22513, MIT; pyctl's
# function-level sample): the fix compares a claim of the already validated token with a hash of the
# user's password hash; the claim is signed, no guess an attacker makes, so the fixing change is quiet
SIMPLEJWT = """
def get_user(self, validated_token):
    user = self.user_model.objects.get(**{api_settings.USER_ID_FIELD: user_id})
    if api_settings.CHECK_REVOKE_TOKEN:
        if validated_token.get(
            api_settings.REVOKE_TOKEN_CLAIM
        ) != get_md5_hash_password(user.password):
            raise AuthenticationFailed("The user's password has been changed.")
    return user
"""


def test_a_claim_of_a_validated_token_compared_is_not_a_timing_finding():
    assert _of(_found(SIMPLEJWT), "timing-attack") == []
    # the same comparison on a value taken from the request still is one
    unverified = SIMPLEJWT.replace("validated_token.get(", "request.headers.get(")
    assert _of(_found(unverified), "timing-attack") == [(4, "medium")]
