"""bandit's results on a change are never lost: reported alone (low, or medium for code and shell
lines) when no other engine took them up, left out where the file before the change already had them
on the lines it edits, where the flow analysis judged the sink, or where the code shows a harmless use."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import bandit as bandit_mod
from bot.analysis.pipeline import _merge, analyse
from bot.config.settings import Settings
from bot.core.diffmap import base_text, parse_diff
from bot.core.models import Confidence, Finding, Provenance, Severity


def _f(rule, line, *, category="sql-injection", sev=Severity.MEDIUM, engine="bandit"):
    return Finding(
        rule_id=rule,
        engine=engine,
        category=category,
        cwe="CWE-89",
        title="t",
        severity=sev,
        confidence=Confidence.MEDIUM,
        path="a.py",
        start_line=line,
        end_line=line,
        message="m",
        provenance=Provenance(engine=engine),
    )


def test_unclaimed_corroborating_results_are_reported_alone_and_claimed_ones_are_not():
    sg = _f("py-sqli", 5, engine="semgrep")
    claimed = _f("bandit-B608-hardcoded-sql-expressions", 5)
    lone = _f("bandit-B608-hardcoded-sql-expressions", 9)
    safe_form = _f("bandit-B603-subprocess-without-shell-equals-true", 12, category="command-injection")
    out = _merge([sg], [], [claimed, lone, safe_form], alone=lambda c: bandit_mod.alone(c, None))
    by_line = {f.start_line: f for f in out}
    assert sorted(by_line) == [5, 9]
    assert by_line[5].rule_id == "py-sqli" and by_line[5].confidence is Confidence.HIGH
    assert by_line[9].confidence is Confidence.LOW and "bandit B608" in by_line[9].message
    # without ``alone`` (the default) corroborating results never stand alone
    assert [f.start_line for f in _merge([sg], [], [claimed, lone])] == [5]


def test_tiers_of_a_result_reported_alone():
    shell = bandit_mod.alone(_f("bandit-B602-x", 3, category="command-injection", sev=Severity.HIGH), None)
    literal = bandit_mod.alone(_f("bandit-B602-x", 3, category="command-injection", sev=Severity.LOW), None)
    assert shell is not None and shell.confidence is Confidence.MEDIUM
    assert literal is not None and literal.confidence is Confidence.LOW
    assert bandit_mod.alone(_f("bandit-B105-x", 3, category="hardcoded-secret"), None) is None
    assert bandit_mod.alone(_f("other", 3, engine="semgrep"), None) is None


def _only(rule: str, text: str, line: int, category: str) -> Finding | None:
    return bandit_mod.alone(_f(rule, line, category=category), text)


def test_harmless_uses_are_quiet_and_the_same_calls_in_a_security_role_are_not():
    checksum = "import hashlib\n\ndef check(data):\n    md5sum = hashlib.md5(data)\n    return md5sum\n"
    signing = "import hashlib\n\ndef sign(data):\n    digest = hashlib.md5(data)\n    return digest\n"
    assert _only("bandit-B324-hashlib", checksum, 4, "weak-crypto") is None
    assert _only("bandit-B324-hashlib", signing, 4, "weak-crypto") is not None
    game = "import random\n\ndef deal(deck):\n    return random.choice(deck)\n"
    ident = "import random\n\ndef CreateID(self):\n    return random.randrange(0, 256)\n"
    token = "import random\n\ndef make(n):\n    reset_token = random.random()\n"
    assert _only("bandit-B311-blacklist", game, 4, "insecure-randomness") is None
    assert _only("bandit-B311-blacklist", ident, 4, "insecure-randomness") is not None
    assert _only("bandit-B311-blacklist", token, 4, "insecure-randomness") is not None
    escaped = "from markupsafe import Markup, escape\n\ndef f(q):\n    return Markup(escape(q))\n"
    replaced = "def f(s):\n    return mark_safe(\n        s.replace('<', '\\\\u003C')\n    )\n"
    raw = "from markupsafe import Markup\n\ndef f(q):\n    return Markup(q)\n"
    assert _only("bandit-B704-markupsafe-markup-xss", escaped, 4, "xss") is None
    assert _only("bandit-B703-django-mark-safe", replaced, 2, "xss") is None
    assert _only("bandit-B704-markupsafe-markup-xss", raw, 4, "xss") is not None
    assert _only("bandit-B704-markupsafe-markup-xss", "def f(:\n", 1, "xss") is not None  # unparsable


def test_an_xml_parser_built_without_entity_resolution_is_quiet():
    # petl 1.7.14 -> 1.7.15 (fromxml's XXE fix), petl/io/xml.py: the parser the fix adds
    hardened = (
        "from lxml import etree\n\n\ndef _create_xml_parser(user_parser):\n"
        "    if user_parser is not None:\n        return user_parser\n    try:\n"
        "        return etree.XMLParser(resolve_entities=False)\n    except TypeError:\n        return None\n"
    )
    assert _only("bandit-B314-blacklist", hardened, 8, "xxe") is None
    resolving = hardened.replace("resolve_entities=False", "remove_blank_text=True")
    assert _only("bandit-B314-blacklist", resolving, 8, "xxe") is not None
    assert _only("bandit-B314-blacklist", hardened.replace("=False", "=True"), 8, "xxe") is not None


def _change(before: str, after: str, path: str = "app/a.py"):
    body = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(body))


_LINES = st.lists(st.sampled_from(["a", "b", "c", "", "x = 1", "  y"]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_LINES, _LINES)
def test_the_file_before_the_change_is_rebuilt_from_its_head_and_hunks(old, new):
    before = "".join(f"{line}\n" for line in old)
    after = "".join(f"{line}\n" for line in new)
    if before == after:
        return
    (fc,) = _change(before, after).files
    assert base_text(after, fc.hunks) == before


def test_hunks_of_another_revision_do_not_rebuild_anything():
    (fc,) = _change("a\nb\nc\n", "a\nB\nc\n").files
    assert base_text("a\nB\nc\n", fc.hunks) == "a\nb\nc\n"
    assert base_text("other\nB\nc\n", fc.hunks) is None
    assert base_text("", fc.hunks) is None


BEFORE = """\
import yaml


def load(path):
    with open(path) as fh:
        return yaml.load(fh)
"""
EDITED = BEFORE.replace("with open(path) as fh", "with open(path, encoding='utf-8') as fh").replace(
    "return yaml.load(fh)", "return yaml.load(fh)  # config"
)
ADDED = (
    BEFORE
    + """

def load_text(text):
    return eval(text)
"""
)


def _findings(before: str, after: str) -> list[Finding]:
    changeset = _change(before, after)
    heads = {"app/a.py": after.encode()}
    return analyse(changeset, heads.get, Settings(llm_enabled=False)).findings


def test_a_flaw_the_edited_line_already_had_is_not_reported_and_a_new_one_is():
    edited = _findings(BEFORE, EDITED)
    by_bandit = [
        f for f in edited if f.engine == "bandit" or "bandit:" in ",".join(f.provenance.corroborated_by)
    ]
    assert not by_bandit
    added = _findings(BEFORE, ADDED)
    assert any(f.category == "code-injection" and f.start_line == 10 for f in added)
    fresh = _findings("import os\n", BEFORE)
    assert any(f.category == "deserialization" and f.start_line == 6 for f in fresh)


@settings(max_examples=200, deadline=None)
@given(_LINES, _LINES, _LINES)
def test_hunks_that_do_not_fit_the_head_never_raise(old, new, other):
    before = "".join(f"{line}\n" for line in old)
    after = "".join(f"{line}\n" for line in new)
    if before == after:
        return
    (fc,) = _change(before, after).files
    head = "".join(f"{line}\n" for line in other)
    rebuilt = base_text(head, fc.hunks)  # must not raise
    if rebuilt is not None:  # it fitted: the head loses what was added and regains what was removed
        kinds = [dl.kind.value for h in fc.hunks for dl in h.lines]
        assert len(rebuilt.splitlines()) == len(other) - kinds.count("+") + kinds.count("-")


UNDECIDED = """\
import tarfile
import urllib.request


def fetch(url):
    return urllib.request.urlopen(url).read()


def unpack(archive, target):
    with tarfile.open(archive) as tar:
        tar.extractall(target)
"""
DECIDED = """\
import tarfile
import urllib.request

API = "https://api.example.com/v1/"


def fetch(path):
    return urllib.request.urlopen(API + path).read()


def status():
    return urllib.request.urlopen("https://status.example.com/ping").read()


def unpack(archive, target):
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
"""


def test_a_sink_the_flow_analysis_left_undecided_keeps_the_bandit_result():
    # a parameter handed whole to urlopen / an archive extracted unchecked: the flow analysis sees no
    # source and no construction, so it decides nothing there and bandit's result stands (low)
    found = {(f.category, f.start_line) for f in _findings("", UNDECIDED)}
    assert ("ssrf", 6) in found
    assert ("path-traversal", 11) in found
    # a fixed host, a constant URL and a filtered extraction are decided: quiet
    assert not [f for f in _findings("", DECIDED) if f.category in {"ssrf", "path-traversal"}]


def _password(value: str, path: str = "app/a.py", test_id: str = "B105") -> Finding | None:
    finding = _f(f"bandit-{test_id}-hardcoded-password-string", 3, category="hardcoded-secret").with_(
        path=path, message=f"Possible hardcoded password: '{value}'"
    )
    return bandit_mod.alone(finding, None)


def test_a_literal_credential_stands_alone_without_repeating_its_value():
    for value in ("admin123", "toor", "s3cr3t-k3y-123", "hunter2!"):
        found = _password(value, test_id="B106")
        assert found is not None and found.confidence is Confidence.LOW, value
        assert value not in found.message


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("", "app/a.py"),  # an empty default
        ("********", "app/a.py"),  # a mask
        ("Bearer", "app/a.py"),  # a header scheme
        ("password", "app/a.py"),  # a field name
        ("access_token", "app/a.py"),  # an OAuth token type
        ("APP_PASSWORD", "app/a.py"),  # an environment variable's name
        ("/reset-password/", "app/a.py"),  # a route
        ("https://example.com/token", "app/a.py"),  # an endpoint
        ("{password}", "app/a.py"),  # a template
        ("reset_password_token", "app/a.py"),  # an identifier
        ("Enter your password", "app/a.py"),  # a sentence
        ("admin123", "tests/test_login.py"),  # test code
        ("admin123", "app/tests/conftest.py"),
    ],
)
def test_password_look_alikes_stay_quiet(value, path):
    assert _password(value, path) is None


def test_only_masks_writable_by_others_stand_alone():
    def chmod(mask: str) -> Finding | None:
        finding = _f("bandit-B103-set-bad-file-permissions", 3, category="insecure-permissions")
        return bandit_mod.alone(
            finding.with_(message=f"Chmod setting a permissive mask {mask} on file (p)."), None
        )

    assert chmod("0o777") is not None and chmod("0o666") is not None and chmod("0o775") is not None
    assert chmod("0o755") is None and chmod("0o711") is None


def test_yaml_full_loader_is_not_reported_and_the_unsafe_loader_is():
    full = "import yaml\n\n\ndef meta(text):\n    return yaml.load(text, Loader=yaml.FullLoader)\n"
    unsafe = "import yaml\n\n\ndef meta(text):\n    return yaml.load(text, Loader=yaml.Loader)\n"
    assert not [f for f in _findings("", full) if f.category == "deserialization"]
    assert [f.start_line for f in _findings("", unsafe) if f.category == "deserialization"] == [5]
