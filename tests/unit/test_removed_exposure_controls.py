"""Removed controls of path containment and information exposure read from the diff: a trailing
separator dropped from a containment root (send 0.8.3, CVE-2014-6394), a credential header no longer
stripped before a redirect (undici 5.7.0, CVE-2022-31151), a secret no longer masked."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.removed_controls import CONTROLS, find_removed_controls
from bot.core.diffmap import parse_diff


def _one_hunk(path: str, removed: list[str], added: list[str], context: list[str]) -> str:
    body = [*(f"-{r}" for r in removed), *(f"+{a}" for a in added), *(f" {c}" for c in context)]
    old, new = len(removed) + len(context), len(added) + len(context)
    return (
        f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -10,{old} +10,{new} @@\n"
        + "\n".join(body)
        + "\n"
    )


def _found(path: str, removed: list[str], added: list[str], context: list[str]) -> list[tuple[str, str]]:
    return [
        (f.rule_id, f.category)
        for f in find_removed_controls(parse_diff(_one_hunk(path, removed, added, context)))
    ]


SEND_CONTEXT = [
    "",
    "    // malicious path",
    "    if (path.substr(0, root.length) !== root) {",
    "      return this.error(403)",
]


def test_the_trailing_separator_dropped_from_a_containment_root_is_a_finding():
    # send 0.8.3 (the introducing change of CVE-2014-6394's fix, reversed)
    found = _found(
        "lib/send.js", ["    root = normalize(root + sep)"], ["    root = normalize(root)"], SEND_CONTEXT
    )
    assert ("diff-removed-path-separator", "path-traversal") in found, found
    python = _found(
        "app/files.py",
        ["    root = os.path.realpath(base) + os.sep"],
        ["    root = os.path.realpath(base)"],
        ["    if not full.startswith(root):", "        raise PermissionError(name)"],
    )
    assert ("diff-removed-path-separator", "path-traversal") in python, python


@pytest.mark.parametrize(
    ("removed", "added", "context"),
    [
        # the fix itself: the separator added
        (["    root = normalize(root)"], ["    root = normalize(root + sep)"], SEND_CONTEXT),
        # a separator between parts of a path being built, and a root no comparison reads
        (
            ['    url = base + "/" + name'],
            ["    url = urljoin(base, name)"],
            ["    if url.startswith('http'):"],
        ),
        (
            ["    root = os.path.realpath(base) + os.sep"],
            ["    root = os.path.realpath(base)"],
            ["    return root"],
        ),
        # moved: the same line still added
        (["    root = normalize(root + sep)"], ["    root = normalize(root + sep) // root"], SEND_CONTEXT),
    ],
)
def test_separators_kept_added_or_not_compared_are_quiet(removed, added, context):
    found = _found("lib/send.js", removed, added, context)
    assert not [f for f in found if f[1] == "path-traversal"], found


def test_a_credential_header_no_longer_stripped_before_a_redirect_is_an_exposure():
    # undici 5.7.0 (CVE-2022-31151): the Cookie test taken out of shouldRemoveHeader
    auth = "(unknownOrigin && header.length === 13 && header.toString().toLowerCase() === 'authorization')"
    cookie = "(unknownOrigin && header.length === 6 && header.toString().toLowerCase() === 'cookie')"
    found = _found("lib/handler/redirect.js", [f"  {auth} ||", f"  {cookie}"], [f"  {auth}"], ["  )", "}"])
    assert ("diff-removed-credential-header", "information-exposure") in found, found
    python = _found(
        "lib/sessions.py",
        [
            '        if "Authorization" in headers and not same_host:',
            '            del headers["Authorization"]',
        ],
        [],
        ["        return headers"],
    )
    assert ("diff-removed-credential-header", "information-exposure") in python, python


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        # the fix: the test added
        (
            ["    (unknownOrigin && header.toString().toLowerCase() === 'authorization')"],
            [
                "    (unknownOrigin && header.toString().toLowerCase() === 'authorization') ||",
                "    (unknownOrigin && header.toString().toLowerCase() === 'cookie')",
            ],
        ),
        # setting or reading the header for use is not stripping it
        (
            ['    headers["Authorization"] = "Bearer " + token'],
            ['    headers["Authorization"] = f"Bearer {token}"'],
        ),
        (["    const auth = req.headers['authorization']"], ["    const auth = req.get('authorization')"]),
        # rewritten with the other quotes: still there
        (['    del headers["Authorization"]'], ["    del headers['Authorization']"]),
    ],
)
def test_credential_headers_set_read_or_still_stripped_are_quiet(removed, added):
    found = _found("lib/client.py", removed, added, ["    return headers"])
    assert not [f for f in found if f[1] == "information-exposure"], found


def test_a_secret_no_longer_masked_before_it_is_logged_is_an_exposure():
    found = _found(
        "app/middleware.py",
        ['        LOG.debug("request headers: %s", mask_password(headers))'],
        ['        LOG.debug("request headers: %s", headers)'],
        ["        return self.app(environ, start_response)"],
    )
    assert ("diff-removed-redaction", "information-exposure") in found, found


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        (
            ['        LOG.debug("headers: %s", headers)'],
            ['        LOG.debug("headers: %s", mask_password(headers))'],
        ),
        (["    old = os.umask(0o077)"], ["    old = os.umask(0o022)"]),  # a file mode mask, not a secret's
        (["    net = ip.netmask(24)"], ["    net = ip.netmask(16)"]),
        (
            ['        LOG.debug("headers: %s", redact(headers))'],
            ['        LOG.debug("headers: %s", redact_all(headers))'],
        ),
    ],
)
def test_masking_added_kept_or_of_other_things_is_quiet(removed, added):
    found = _found("app/middleware.py", removed, added, ["        return None"])
    assert not [f for f in found if f[1] == "information-exposure"], found


NEW_KINDS = {"credential-header", "redaction", "serializer-secret"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="+ sep/\\'\"();,rootbase.authorizcke=!delmask_(redact", max_size=200))
def test_the_new_patterns_read_any_line_in_linear_time(line):
    patterns = [c.pattern for c in CONTROLS if c.kind in NEW_KINDS or "trailing separator" in c.what]
    patterns += [
        c.requires for c in CONTROLS if (c.kind in NEW_KINDS or "trailing separator" in c.what) and c.requires
    ]
    assert len(patterns) >= 6
    hostile = line * 50
    start = time.perf_counter()
    for pattern in patterns:
        assert isinstance(pattern, re.Pattern)
        pattern.search(hostile)
    assert time.perf_counter() - start < 2.0
    found = find_removed_controls(
        parse_diff(_one_hunk("lib/x.js", [line.replace("\n", " ")], [line.replace("\n", " ")], []))
    )
    assert found == []


def test_a_header_name_dropped_from_a_pattern_of_headers_removed_on_redirect_is_an_exposure():
    # follow-redirects 1.14.6 (CVE-2022-0155): the Cookie header taken out of the stripped headers
    introducing = _found(
        "index.js",
        ["      removeMatchingHeaders(/^(?:authorization|cookie)$/i, this._options.headers);"],
        ["      removeMatchingHeaders(/^authorization$/i, this._options.headers);"],
        ["    }"],
    )
    assert ("diff-removed-credential-header", "information-exposure") in introducing, introducing
    fixing = _found(
        "index.js",
        ["      removeMatchingHeaders(/^authorization$/i, this._options.headers);"],
        ["      removeMatchingHeaders(/^(?:authorization|cookie)$/i, this._options.headers);"],
        ["    }"],
    )
    assert fixing == [], fixing


def test_a_client_no_longer_stripping_headers_on_redirect_is_an_exposure():
    # urllib3 1.22 (CVE-2018-20060): the headers marked unsafe no longer removed on a cross-host redirect
    found = _found(
        "urllib3/poolmanager.py",
        [
            "        if (retries.remove_headers_on_redirect",
            "                and not conn.is_same_host(redirect_location)):",
            "            for header in retries.remove_headers_on_redirect:",
            "                kw['headers'].pop(header, None)",
        ],
        [],
        [
            "        try:",
            "            retries = retries.increment(method, url, response=response, _pool=conn)",
        ],
    )
    assert ("diff-removed-credential-header", "information-exposure") in found, found


def test_a_sensitive_value_no_longer_substituted_is_an_exposure():
    # sentry-sdk 1.13.0 (GHSA-29pr-6jr8-q5jm): Django's session and CSRF cookies sent as they are
    found = _found(
        "sentry_sdk/integrations/django/__init__.py",
        [
            "        for (key, val) in self.request.COOKIES.items():",
            "            if key in privacy_cookies:",
            "                clean_cookies[key] = SENSITIVE_DATA_SUBSTITUTE",
            "            else:",
            "                clean_cookies[key] = val",
            "        return clean_cookies",
        ],
        ["        return self.request.COOKIES"],
        [""],
    )
    assert ("diff-removed-redaction", "information-exposure") in found, found


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        # the mask kept under another spelling of the same constant, or a placeholder of a form field
        (
            ["        data[key] = SENSITIVE_DATA_SUBSTITUTE"],
            ["        data[key] = SENSITIVE_DATA_SUBSTITUTE  # x"],
        ),
        (
            ['        widget.attrs["placeholder"] = "Search"'],
            ['        widget.attrs["placeholder"] = "Find"'],
        ),
        (["        kw['headers'].pop(header, None)"], ["        kw['headers'].pop(name, None)"]),
    ],
)
def test_masks_kept_and_headers_popped_without_a_credential_list_are_quiet(removed, added):
    found = _found("app/views.py", removed, added, ["        return data"])
    assert not [f for f in found if f[1] == "information-exposure"], found


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        # DRF: the password readable again through the API
        (
            ["    password = serializers.CharField(write_only=True, required=False)"],
            ["    password = serializers.CharField(required=False)"],
        ),
        (
            ['        extra_kwargs = {"password": {"write_only": True}, "email": {"required": True}}'],
            ['        extra_kwargs = {"email": {"required": True}}'],
        ),
        # a secret taken off a model serializer's exclude list
        (['        exclude = ("password", "api_token")'], ['        exclude = ("password",)']),
    ],
)
def test_a_secret_field_returned_by_a_serializer_again_is_an_exposure(removed, added):
    found = _found("app/serializers.py", removed, added, ["", "    def create(self, validated_data):"])
    assert ("diff-removed-serializer-secret", "information-exposure") in found, found


@pytest.mark.parametrize(
    ("removed", "added"),
    [
        # the fixes: the flag or the exclusion added
        (
            ["    password = serializers.CharField(required=False)"],
            ["    password = serializers.CharField(write_only=True, required=False)"],
        ),
        (['        exclude = ("password",)'], ['        exclude = ("password", "api_token")']),
        # not a secret, or the declaration kept with the flag
        (["    name = serializers.CharField(write_only=True)"], ["    name = serializers.CharField()"]),
        (
            ["    password = serializers.CharField(write_only=True)"],
            ["    password = serializers.CharField(write_only=True, min_length=8)"],
        ),
        (['        fields = ("username", "password")'], ['        fields = ("username",)']),
    ],
)
def test_secret_fields_kept_hidden_or_other_fields_are_quiet(removed, added):
    found = _found("app/serializers.py", removed, added, ["", "    def create(self, validated_data):"])
    assert not [f for f in found if f[1] == "information-exposure"], found
