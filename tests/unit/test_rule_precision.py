"""Rule-pack precision on shapes a fixer writes or real code uses: the fixed form must not be flagged
by the rule whose finding it fixes (each case also keeps the vulnerable form flagged)."""

from __future__ import annotations

import pytest

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff


def _findings(path: str, code: str) -> list:
    lines = code.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return [rf.finding for rf in review_change(parse_diff(diff), None, Settings()).findings]


def _rules(path: str, code: str) -> set[str]:
    return {f.rule_id for f in _findings(path, code)}


def _categories(path: str, code: str) -> set[str]:
    return {f.category for f in _findings(path, code)}


FAST = """import hashlib

def store(user, password):
    user.pw = hashlib.sha256(password.encode()).hexdigest()
"""


@pytest.mark.parametrize(
    "call",
    [
        "hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)",
        "hashlib.scrypt(password.encode('utf-8'), salt=salt, n=16384, r=8, p=1).hex()",
        "hashlib.pbkdf2_hmac('sha256', password.encode(), salt, 600_000).hex()",
    ],
)
def test_password_hashing_functions_are_not_fast_digests(call):
    assert "py-password-fast-hash" in _rules("app/users.py", FAST)
    slow = (
        "import hashlib\nimport os\n\ndef store(user, password):\n"
        f"    salt = os.urandom(16)\n    user.pw = {call}\n"
    )
    assert "py-password-fast-hash" not in _rules("app/users.py", slow)


SESSION = """from flask import request, session
from pymongo import MongoClient

users = MongoClient().app.users


def login():
    data = request.get_json()
    {lookup}
    if user is None:
        return "no", 401
    session["uid"] = str(user["_id"])
"""


@pytest.mark.parametrize(
    "lookup",
    [
        'user = users.find_one({"username": str(data["username"])})',
        'user = authenticate(data["username"], data["password"])',
        'user = User.query.filter_by(name=data["username"]).first()',
        'user = User.objects.get(name=data["username"])',
    ],
)
def test_what_the_server_looked_up_is_not_request_data_in_the_session(lookup):
    # the flow analysis decides this class in a file it analysed whole (it supersedes the rule there)
    raw = SESSION.format(lookup='user = {"_id": data["username"]}')
    assert "trust-boundary" in _categories("app/auth.py", raw)
    assert "trust-boundary" not in _categories("app/auth.py", SESSION.format(lookup=lookup))


BOUND = """from flask import request
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")


def revenue():
    body = request.get_json()
    query = {statement}
    with engine.connect() as conn:
        return conn.execute(query).all()
"""


def test_values_bound_to_a_statement_are_not_sql_text():
    built = BOUND.format(statement="text(\"SELECT * FROM sales WHERE region = '\" + body['r'] + \"'\")")
    bound = BOUND.format(statement="text('SELECT * FROM sales WHERE region = :r').bindparams(r=body['r'])")
    sql_rules = {"py-sqli-untrusted-query", "flow-python-sql-injection"}
    assert sql_rules & _rules("app/sales.py", built)
    assert not sql_rules & _rules("app/sales.py", bound)


GO_REDIRECT = """package web

import (
\t"net/http"
\t"net/url"
\t"path"
\t"strings"
)

func Back(w http.ResponseWriter, r *http.Request) {
\tnext := r.FormValue("next")
{body}
}
"""

_GO_RULE = "go-open-redirect-request-url"


@pytest.mark.parametrize(
    "body",
    [
        "\thttp.Redirect(w, r, next, http.StatusFound)",
        # a host check without the backslash check
        '\tu, err := url.Parse(next)\n\tif err != nil || u.Host != "" {\n\t\treturn\n\t}\n'
        "\thttp.Redirect(w, r, next, http.StatusFound)",
    ],
)
def test_go_redirect_cleaning_alone_is_not_a_check(body):
    assert _GO_RULE in _rules("internal/web/back.go", GO_REDIRECT.replace("{body}", body))


CLEANED = [
    "\thttp.Redirect(w, r, path.Clean(next), http.StatusFound)",
    '\thttp.Redirect(w, r, "/"+strings.TrimLeft(next, "/"), http.StatusFound)',
    '\tnext = "/" + strings.Trim(next, "/")\n\thttp.Redirect(w, r, next, http.StatusFound)',
]


@pytest.mark.parametrize("body", CLEANED)
def test_go_redirect_cleaning_is_accepted_in_a_projects_code_but_never_offered_as_a_fix(body):
    """ "/\\\\evil.example" passes path.Clean and the slash trims, and browsers read it as
    "//evil.example". Projects ship these as the fix (chi, macaron), and flagging them made most
    real fixes look vulnerable; a suggested fix, though, must check the host: verification refuses
    one that only cleans."""
    from bot.analysis.verify import _shape_problem
    from bot.core.diffmap import parse_diff
    from bot.core.models import Confidence, Finding, Severity, SourceFile

    code = GO_REDIRECT.replace("{body}", body)
    assert _GO_RULE not in _rules("internal/web/back.go", code)
    raw = GO_REDIRECT.replace("{body}", "\thttp.Redirect(w, r, next, http.StatusFound)")
    line = raw.splitlines().index("\thttp.Redirect(w, r, next, http.StatusFound)") + 1
    diff = (
        "diff --git a/b.go b/b.go\nnew file mode 100644\n--- /dev/null\n+++ b/b.go\n"
        f"@@ -0,0 +1,{len(raw.splitlines())} @@\n" + "".join(f"+{x}\n" for x in raw.splitlines())
    )
    sf = SourceFile(parse_diff(diff).file("b.go"), raw, "go", False)
    finding = Finding(
        _GO_RULE,
        "semgrep",
        "open-redirect",
        "CWE-601",
        "t",
        Severity.HIGH,
        Confidence.HIGH,
        "b.go",
        line,
        line,
        "m",
    ).with_(replacement=body)
    problem = _shape_problem(finding, sf, raw)
    assert problem is not None and "normalises the path" in problem
    checked = finding.with_(
        replacement='\tif u, err := url.Parse(next); err != nil || u.Host != "" {\n\t\treturn\n\t}\n'
        + body.split("\n")[-1]
    )
    assert _shape_problem(checked, sf, raw) is None


@pytest.mark.parametrize(
    "body",
    [
        '\tu, err := url.Parse(next)\n\tif err != nil || u.Host != "" || u.IsAbs() {\n\t\treturn\n\t}\n'
        '\tif !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || '
        'strings.HasPrefix(next, "/\\\\") {\n\t\treturn\n\t}\n'
        "\thttp.Redirect(w, r, next, http.StatusFound)",
        '\tnext = "/" + strings.Trim(next, "/")\n\tif strings.Contains(next, "\\\\") {\n\t\treturn\n\t}\n'
        "\thttp.Redirect(w, r, next, http.StatusFound)",
        '\tallowed := map[string]bool{"/home": true}\n\tif !allowed[next] {\n\t\treturn\n\t}\n'
        "\thttp.Redirect(w, r, next, http.StatusFound)",
        '\tallowed := map[string]bool{"/home": true}\n\tif _, ok := allowed[next]; ok {\n'
        "\t\thttp.Redirect(w, r, next, http.StatusFound)\n\t}",
    ],
)
def test_go_redirect_real_checks_count(body):
    code = GO_REDIRECT.replace("{body}", body)
    if "path." not in body:
        code = code.replace('\t"path"\n', "")
    assert _GO_RULE not in _rules("internal/web/back.go", code)


RB_VIEW = """module CardsHelper
  def card(user)
    {expr}
  end
end
"""


@pytest.mark.parametrize(
    "expr",
    [
        '"<p>#{user.name}</p>".html_safe',
        '"<p>#{h(user.bio)}#{user.name}</p>".html_safe',
        'raw("<b>#{user.name}</b>")',
    ],
)
def test_rb_html_safe_with_a_raw_interpolation_is_flagged(expr):
    assert "rb-xss-html-safe" in _rules("app/helpers/cards_helper.rb", RB_VIEW.replace("{expr}", expr))


@pytest.mark.parametrize(
    "expr",
    [
        '"<p>#{ERB::Util.html_escape(user.name)}</p>".html_safe',
        '"<p>#{h(user.name)}</p>".html_safe',
        '"<p>#{CGI.escapeHTML(user.name)}: #{sanitize(user.bio)}</p>".html_safe',
        'raw("<b>#{h(user.name)}</b>")',
    ],
)
def test_rb_html_safe_with_every_interpolation_escaped_is_not_flagged(expr):
    assert "rb-xss-html-safe" not in _rules("app/helpers/cards_helper.rb", RB_VIEW.replace("{expr}", expr))


def test_js_known_format_secret_is_reported_once_on_its_declaration():
    code = (
        'import axios from "axios";\n\n'
        'const key = "AIzaC6QsyHZytfqY6K1Qjah4dXd3eOa1Zcc-a4C";\n\n'
        "export async function geocode(address: string) {\n"
        "  return axios.get(URL, { params: { address, key } });\n"
        "}\n"
    )
    lines = code.splitlines()
    diff = (
        "diff --git a/src/geo/client.ts b/src/geo/client.ts\nnew file mode 100644\n--- /dev/null\n"
        f"+++ b/src/geo/client.ts\n@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    review = review_change(parse_diff(diff), None, Settings())
    hits = [
        rf.finding.start_line
        for rf in review.findings
        if rf.finding.rule_id == "js-hardcoded-secret-known-format"
    ]
    assert hits == [3]


JAVA_HASH = """package com.acme.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

public class Accounts {
    public byte[] store(String user, String password, byte[] salt) throws Exception {
{body}
    }
}
"""


@pytest.mark.parametrize(
    "body",
    [
        '        MessageDigest md = MessageDigest.getInstance("MD5");\n'
        "        return md.digest(password.getBytes(StandardCharsets.UTF_8));",
        '        MessageDigest md = MessageDigest.getInstance("SHA-256");\n'
        "        return md.digest(password.getBytes(StandardCharsets.UTF_8));",
        '        return MessageDigest.getInstance("SHA-512").digest(password.getBytes());',
        "        return DigestUtils.sha256Hex(password).getBytes();",
    ],
)
def test_java_password_through_any_message_digest_is_flagged(body):
    code = JAVA_HASH.replace("{body}", body)
    assert "java-weak-hash-for-password" in _rules("src/main/java/com/acme/auth/Accounts.java", code)


@pytest.mark.parametrize(
    "body",
    [
        '        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");\n'
        "        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, 600000, 256);\n"
        "        return f.generateSecret(spec).getEncoded();",
        "        return BCrypt.hashpw(password, BCrypt.gensalt(12)).getBytes();",
        "        return new Argon2PasswordEncoder(16, 32, 1, 65536, 3).encode(password).getBytes();",
        "        return SCrypt.generate(password.getBytes(), salt, 16384, 8, 1, 32);",
        # a checksum of other data beside the password is not the password's hash
        '        MessageDigest md = MessageDigest.getInstance("SHA-256");\n        return md.digest(salt);',
    ],
)
def test_java_password_hashing_functions_are_not_flagged(body):
    code = JAVA_HASH.replace("{body}", body)
    assert "java-weak-hash-for-password" not in _rules("src/main/java/com/acme/auth/Accounts.java", code)


def test_java_md5_password_is_reported_once():
    body = (
        '        MessageDigest md = MessageDigest.getInstance("MD5");\n'
        "        return md.digest(password.getBytes(StandardCharsets.UTF_8));"
    )
    lines = JAVA_HASH.replace("{body}", body).splitlines()
    path = "src/main/java/com/acme/auth/Accounts.java"
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    review = review_change(parse_diff(diff), None, Settings())
    hits = [rf.finding for rf in review.findings if rf.finding.rule_id == "java-weak-hash-for-password"]
    assert len(hits) == 1


C_SPRINTF = (
    '#include <stdio.h>\n\nvoid f(char *out, const char *name)\n{{\n    sprintf(out, "{fmt}", name);\n}}\n'
)


@pytest.mark.parametrize(
    ("fmt", "flagged"),
    [
        ("hello %s", True),
        ("%10s!", True),
        ("%-05s", True),
        ("%0s", True),
        ("%+ #0100s", True),
        ("%.10s", False),  # a precision bounds the copy
        ("%d items", False),
        ("%" + "0" * 3000, False),  # no conversion at the end: and checked in linear time
    ],
)
def test_sprintf_with_an_unbounded_string_conversion_is_flagged(fmt, flagged):
    assert ("c-unbounded-string-copy" in _rules("src/a.c", C_SPRINTF.format(fmt=fmt))) is flagged
