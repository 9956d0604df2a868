"""A condition rewritten in place to check less (bot.analysis.narrowed_checks): the real shapes, reversed
(the change that introduces the flaw), and the look-alikes that must stay quiet."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.narrowed_checks import RULE, find_narrowed_conditions
from bot.core.diffmap import parse_diff


def _diff(path: str, body: str) -> str:
    """A unified diff of one hunk; its header's line counts are computed from the body."""
    head, *lines = textwrap.dedent(body).strip("\n").split("\n")
    lines = [line if line else " " for line in lines]
    old = sum(1 for line in lines if line[0] in " -")
    new = sum(1 for line in lines if line[0] in " +")
    start_old, start_new = (part.split(",")[0].lstrip("-+") for part in head.split()[1:3])
    header = f"@@ -{start_old},{old} +{start_new},{new} @@"
    return f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n" + "\n".join([header, *lines]) + "\n"


def _reverse(diff: str) -> str:
    """The same hunk the other way round (the fixing change of an introducing one)."""
    out = []
    for text in diff.split("\n"):
        if text.startswith("@@"):
            _, old, new, *_ = text.split()
            out.append(f"@@ -{new[1:]} +{old[1:]} @@")
        elif text and text[0] in "+-" and text[:3] not in ("+++", "---"):
            out.append({"+": "-", "-": "+"}[text[0]] + text[1:])
        else:
            out.append(text)
    return "\n".join(out)


def _found(diff: str) -> list[tuple[str, int, str]]:
    return [(f.rule_id, f.start_line, f.confidence.name) for f in find_narrowed_conditions(parse_diff(diff))]


# werkzeug 0.11.10 -> 0.11.11, serving.make_environ (CWE-601, dev python-601-werkzeug-serving-netloc-host):
# the fix only takes the request line's host when it also names a scheme; the reverse drops that test
WERKZEUG = _diff(
    "werkzeug/serving.py",
    """
    @@ -35,7 +35,7 @@
                 if key not in ('HTTP_CONTENT_TYPE', 'HTTP_CONTENT_LENGTH'):
                     environ[key] = value

    -        if request_url.scheme and request_url.netloc:
    +        if request_url.netloc:
                 environ['HTTP_HOST'] = request_url.netloc

             return environ
    """,
)


def test_an_action_whose_condition_loses_a_test_is_a_finding():
    assert _found(WERKZEUG) == [(RULE, 38, "MEDIUM")]  # `scheme`: a security word


def test_the_fix_that_adds_the_test_back_is_quiet():
    assert _found(_reverse(WERKZEUG)) == []


def test_a_dropped_allow_list_match_is_a_medium_finding():
    # django 1.11.18 -> 1.11.19 QuerySet ordering (CWE-89, dev python-89-django-order-by-dotted): the
    # ORDER_PATTERN test dropped from the dotted-name branch
    diff = _diff(
        "django/db/models/sql/query.py",
        """
        @@ -10,7 +10,7 @@
                 errors = []
                 for item in ordering:
                     if isinstance(item, str):
        -                if '.' in item and ORDER_PATTERN.match(item):
        +                if '.' in item:
                             warnings.warn(
                                 'Passing column raw column aliases to order_by() is '
        """,
    )
    assert [(r, c) for r, _, c in _found(diff)] == [(RULE, "LOW")]
    assert _found(_reverse(diff)) == []


def test_a_refusal_that_loses_one_of_its_reasons_is_a_finding():
    diff = _diff(
        "app/tokens.py",
        """
        @@ -4,6 +4,6 @@
         def load(key, token):
        -    if key is None or not verify_signature(key, token):
        +    if key is None:
                 raise InvalidToken("bad token")
             return decode(token)
        """,
    )
    assert _found(diff) == [(RULE, 5, "MEDIUM")]
    assert _found(_reverse(diff)) == []


def test_a_refusal_that_needs_one_more_condition_is_a_finding():
    diff = _diff(
        "app/upload.py",
        """
        @@ -8,5 +8,5 @@
         def save(name, data):
        -    if len(data) > MAX_SIZE:
        +    if len(data) > MAX_SIZE and not settings.DEBUG:
                 abort(413)
             store(name, data)
        """,
    )
    assert _found(diff) == [(RULE, 9, "MEDIUM")]


def test_a_refusal_that_loses_a_conjunct_refuses_more_and_is_quiet():
    diff = _diff(
        "app/upload.py",
        """
        @@ -8,5 +8,5 @@
         def save(name, data):
        -    if len(data) > MAX_SIZE and not user.is_admin:
        +    if len(data) > MAX_SIZE:
                 abort(413)
             store(name, data)
        """,
    )
    assert _found(diff) == []


def test_a_protection_whose_condition_loses_a_test_applies_more_and_is_quiet():
    # a header stripped in more cases than before: hardening
    diff = _diff(
        "client/sessions.py",
        """
        @@ -20,5 +20,5 @@
             def rebuild_auth(self, prepared, response):
        -        if "Authorization" in headers and self.should_strip_auth(response.url, prepared.url):
        +        if "Authorization" in headers:
                     del headers["Authorization"]
        """,
    )
    assert _found(diff) == []


def test_an_operand_rewritten_rather_than_dropped_is_quiet():
    # glanceclient's verify_callback: `preverify_ok is True` read as `preverify_ok` (dev, fixing change)
    diff = _diff(
        "glanceclient/common/http.py",
        """
        @@ -322,5 +322,5 @@
                     raise exc.SSLCertificateError(msg)

        -        if depth == 0 and preverify_ok is True:
        +        if depth == 0 and preverify_ok:
                     return self.host_matches_cert(self.host, x509)
        """,
    )
    assert _found(diff) == []
    swapped = _diff(
        "app/views.py",
        """
        @@ -2,4 +2,4 @@
         def show(request, doc):
        -    if doc.public and request.user.is_authenticated:
        +    if doc.public and can_view(request.user, doc):
                 return render(doc)
        """,
    )
    assert _found(swapped) == []


def test_a_condition_over_several_lines_is_read_whole():
    diff = _diff(
        "proxy/auth.py",
        """
        @@ -3,7 +3,6 @@
         def add_proxy_auth(headers, scheme, username, password):
             if (
        -        not scheme.startswith("https")
        -        and username
        +        username
                 and password
             ):
                 headers["Proxy-Authorization"] = basic_auth(username, password)
        """,
    )
    # the condition's first line is kept: it is not read (only lines the change touches are)
    assert _found(diff) == []
    whole = _diff(
        "proxy/auth.py",
        """
        @@ -3,5 +3,5 @@
         def add_proxy_auth(headers, scheme, username, password):
        -    if (not scheme.startswith("https")
        -            and username and password):
        +    if (username
        +            and password):
                 headers["Proxy-Authorization"] = basic_auth(username, password)
        """,
    )
    assert _found(whole) == [(RULE, 4, "MEDIUM")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ifandor not()x.=:'\"#\\ ", max_size=40), min_size=1, max_size=6))
def test_any_condition_text_is_read_without_error(texts):
    body = "".join(f"-    if {t}:\n+    if {t[::-1]}:\n         raise X\n" for t in texts)
    count = 2 * len(texts)  # each old and new side: its `if` and the kept body line
    diff = f"diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,{count} +1,{count} @@\n{body}"
    find_narrowed_conditions(parse_diff(diff))


def test_a_long_condition_line_is_cut_and_read_in_linear_time():
    cond = " and ".join(f"x{i}" for i in range(20_000))
    head = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n"
    diff = f"{head}@@ -1,2 +1,2 @@\n-if {cond}:\n+if x0:\n     go()\n"
    assert find_narrowed_conditions(parse_diff(diff)) == []


# splunk-sdk 1.6.5 -> 1.6.6, binding.handler (CVE-2019-5729, CWE-295; dev
# python-295-splunk-unverified-context): the reverse of the fix hands out an unverified TLS context
# when either test holds
SPLUNK = _diff(
    "splunklib/binding.py",
    """
    @@ -22,4 +22,4 @@
                 # If running Python 2.7.9+, disable SSL certificate validation
    -            if (sys.version_info >= (2,7,9) and key_file is None and cert_file is None) and not verify:
    +            if (sys.version_info >= (2,7,9) and key_file is None and cert_file is None) or not verify:
                     kwargs['context'] = ssl._create_unverified_context()
                 return six.moves.http_client.HTTPSConnection(host, port, **kwargs)
    """,
)


def test_an_action_whose_and_became_or_is_a_finding():
    assert _found(SPLUNK) == [(RULE, 23, "MEDIUM")]
    assert _found(_reverse(SPLUNK)) == []


def test_a_refusal_whose_or_became_and_is_a_finding_and_the_reverse_is_quiet():
    diff = _diff(
        "app/upload.py",
        """
        @@ -8,4 +8,4 @@
         def save(name, data):
        -    if not name or ".." in name:
        +    if not name and ".." in name:
                 raise ValueError(name)
        """,
    )
    assert _found(diff) == [(RULE, 9, "MEDIUM")]
    assert _found(_reverse(diff)) == []


# the shape of the CWE-185 fixes that switch a validation from re.match to re.fullmatch (an IP address
# check in gmoro/proxyDHCPd's ipAddressCheck, mistune's CVE-2026-44899 follow-up): the reverse accepts a
# valid prefix followed by anything
IP_CHECK = _diff(
    "proxy/config.py",
    """
    @@ -10,4 +10,4 @@
         def address_check(self, value):
    -        if not re.fullmatch(IP_PATTERN, value):
    +        if not re.match(IP_PATTERN, value):
                 raise ValueError(value)
             return value
    """,
)


def test_a_full_match_weakened_to_a_prefix_match_is_a_finding():
    assert _found(IP_CHECK) == [("diff-weakened-match", 11, "MEDIUM")]
    assert _found(_reverse(IP_CHECK)) == []


def test_an_end_anchor_dropped_or_a_match_widened_to_a_search_is_a_finding():
    anchor = IP_CHECK.replace("re.fullmatch(IP_PATTERN, value)", r're.match(r"^[\d.]+$", value)').replace(
        "re.match(IP_PATTERN, value)", r're.match(r"^[\d.]+", value)'
    )
    assert [r for r, _, _ in _found(anchor)] == ["diff-weakened-match"]
    search = IP_CHECK.replace("re.fullmatch(", "re.match(")
    search = search.replace("+        if not re.match(", "+        if not re.search(")
    assert [r for r, _, _ in _found(search)] == ["diff-weakened-match"]
    # a pattern rewritten together with the call is not this shape
    rewritten = IP_CHECK.replace("re.match(IP_PATTERN, value)", r're.match(IP_PATTERN + r"\Z", value)')
    assert _found(rewritten) == []
