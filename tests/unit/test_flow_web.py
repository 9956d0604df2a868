"""The Python flow analysis on the web classes as real projects ship them: redirect checks that
browsers walk around, header injection, HTML escaped for text but placed in a URL attribute."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python, urlchecks


def _found(code: str, *, added: set[int] | None = None) -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    lines = frozenset(added) if added is not None else frozenset(range(1, text.count("\n") + 2))
    result = analyse_python({"app/views.py": (text, lines)}, None)
    return [(f.rule_id, f.confidence.label, f.start_line) for f in result.findings]


WEAK = "flow-python-open-redirect-weak-check"

# the shapes of notebook / jupyter_server / flask-admin before their fixes (written anew)
_PREFIX_ONLY = """
class LoginHandler:
    def _redirect_safe(self, url, default=None):
        if not url.startswith(self.base_url):
            url = default or "/"
        self.redirect(url)
"""
_NETLOC_WITHOUT_SCHEME = """
from urllib.parse import urlparse

class LoginHandler:
    def _redirect_safe(self, url, default=None):
        url = url.replace("\\\\", "%5C")
        parsed = urlparse(url)
        if parsed.netloc or not (parsed.path + "/").startswith(self.base_url):
            url = default or "/"
        self.redirect(url)
"""
_HOSTS_WITHOUT_BACKSLASH = """
from urllib.parse import urljoin, urlparse
from flask import request

def is_safe_url(target):
    target = target.strip()
    if urlparse(target).scheme not in ("", "http", "https"):
        return False
    ref_url = urlparse(request.host_url)
    test_url = urlparse(urljoin(request.host_url, target))
    return ref_url.netloc == test_url.netloc
"""
_VIEW_PREFIX = """
from flask import redirect, request

def login():
    next_url = request.args.get("next", "/")
    if next_url.startswith("/"):
        return redirect(next_url)
    return redirect("/")
"""


@pytest.mark.parametrize(
    ("code", "line"),
    [(_PREFIX_ONLY, 4), (_NETLOC_WITHOUT_SCHEME, 8), (_HOSTS_WITHOUT_BACKSLASH, 11), (_VIEW_PREFIX, 6)],
)
def test_redirect_checks_that_browsers_walk_around_are_findings(code, line):
    assert (WEAK, "medium", line) in _found(code)


# the same checks as their fixed versions write them, and the framework's own check
_FIXED_PREFIX = """
from flask import redirect, request

def login():
    next_url = request.args.get("next", "/")
    if next_url.startswith("/") and not next_url.startswith(("//", "/\\\\")):
        return redirect(next_url)
    return redirect("/")
"""
_FIXED_PARSE = """
from urllib.parse import urlparse

class LoginHandler:
    def _redirect_safe(self, url, default=None):
        url = url.replace("\\\\", "%5C")
        parsed = urlparse(url)
        if (parsed.scheme or parsed.netloc) or not (parsed.path + "/").startswith(self.base_url):
            url = default or "/"
        self.redirect(url)
"""
_FIXED_HOSTS = """
from urllib.parse import urljoin, urlparse
from flask import request

def is_safe_url(target):
    target = target.replace("\\\\", "/").strip()
    ref_url = urlparse(request.host_url)
    test_url = urlparse(urljoin(request.host_url, target))
    return test_url.scheme in ("http", "https") and ref_url.netloc == test_url.netloc
"""
_DJANGO = """
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

def login(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)
"""
_NOT_A_CHECK = """
def normalise(path):
    if path.startswith("/"):
        path = path[1:]
    return path.replace("//", "/")

def is_safe_url(target):
    return target.startswith(request.host_url)
"""


@pytest.mark.parametrize("code", [_FIXED_PREFIX, _FIXED_PARSE, _FIXED_HOSTS, _DJANGO, _NOT_A_CHECK])
def test_complete_checks_and_functions_that_check_no_redirect_are_quiet(code):
    assert WEAK not in [rule for rule, _, _ in _found(code)]


def test_a_weak_check_is_reported_where_the_change_touches_the_check_or_the_value():
    logged = _PREFIX_ONLY.replace(
        "        self.redirect(url)", '        self.log.info("login")\n        self.redirect(url)'
    )
    assert _found(logged, added={6}) == []  # a log line: the check and the value are as they were
    assert _found(logged, added={4}) == [(WEAK, "medium", 4)]
    assert _found(logged, added={7}) == [(WEAK, "medium", 7)]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_function_text_is_read_without_raising(noise):
    source = f"def is_safe_url(url):\n    x = {noise!r}\n    if url.startswith(x):\n        return True\n"
    fn = ast.parse(source).body[0]
    assert isinstance(fn, ast.FunctionDef)
    for weak in urlchecks.weaknesses(fn):
        assert weak.line >= 1
