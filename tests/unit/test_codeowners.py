"""CODEOWNERS as GitHub documents it (the examples of its "About code owners" page), read from
untrusted repository text: every line parses or is skipped, and matching never backtracks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core import codeowners
from bot.core.codeowners import matches, owners_of, parse

# the shape of GitHub's documented example file
EXAMPLE = """\
# These owners will be the default owners for everything in the repo.
*       @global-owner1 @global-owner2

# Order is important; the last matching pattern takes the most precedence.
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
[Security] @security-team
src/**/*.py @py-owners
"""


def test_the_documented_examples():
    rules = parse(EXAMPLE)
    expect = {
        "README.md": ("@global-owner1", "@global-owner2"),
        "lib/app.js": ("@js-owner",),
        "main.go": ("docs@example.com",),
        "notes.txt": ("@octo-org/octocats",),
        "build/logs/today.log": ("@octocat",),  # **/logs comes later than /build/logs/
        "docs/getting-started.md": ("@doctocat",),  # /docs/ comes after docs/*
        "docs/build-app/troubleshooting.md": ("@doctocat",),
        "apps/web/index.html": ("@octocat",),
        "apps/github/x.rb": (),  # a pattern with no owner: nobody owns it
        "scripts/deploy.sh": ("@doctocat", "@octocat"),
        "deep/down/logs/x": ("@octocat",),
        "src/c.py": ("@py-owners",),  # **/ matches zero folders
        "src/a/b/c.py": ("@py-owners",),
    }
    for path, owners in expect.items():
        assert owners_of(rules, path) == owners, path


def test_directory_and_wildcard_rules():
    assert matches("docs/*", "docs/a.md") and not matches("docs/*", "docs/sub/a.md")
    assert matches("apps/", "x/apps/y/z") and matches("apps", "apps/y")
    assert matches("/build/logs/", "build/logs/a/b") and not matches("/build/logs/", "x/build/logs/a")
    assert matches("*.py", "a/b/c.py") and not matches("*.py", "a/b/c.pyc")
    assert matches("a?c", "abc") and not matches("a?c", "a/c")
    assert not matches("", "x") and not matches("/", "x")


@given(st.text(max_size=2000))
def test_any_text_parses(text):
    for rule in parse(text):
        assert rule.pattern and all(o.startswith("@") or "@" in o for o in rule.owners)


@given(st.text(alphabet="ab*?/.", max_size=40), st.text(alphabet="ab/.", max_size=60))
def test_matching_agrees_with_itself_and_terminates(pattern, path):
    result = matches(pattern, path)
    assert result in (True, False)
    if path and "*" not in path and "?" not in path and path.strip("/") == path:
        assert matches("/" + path, path)  # a literal, anchored pattern names its own file


def test_a_hostile_pattern_is_matched_without_backtracking():
    # exponential for a backtracking matcher; a table of pattern x path cells here
    pattern = "*a" * 200 + "b"
    assert not matches(pattern, "a" * 999)
    assert matches("**/" * 50 + "x", "a/" * 200 + "x")


def test_a_hostile_file_cannot_stall_an_owner_lookup(monkeypatch):
    # ~3 MB of long wildcard patterns against a 4,000-character path: each rule alone is a million
    # table cells; without a bound over the whole lookup this took ~45 minutes per path
    path = "/".join(["a" * 250] * 16)
    rules = parse("\n".join(f"/{'**a' * 330}b @o" for _ in range(3000)))
    assert len(rules) == 3000
    calls = 0
    real_glob = codeowners._glob

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        return real_glob(*args, **kwargs)

    monkeypatch.setattr(codeowners, "_glob", counting)
    assert owners_of(rules, path) == ()
    assert calls <= 3  # the lookup gave up within its budget instead of trying every rule
    # an ordinary file still decides: the budget is far above what real rules need
    assert owners_of(parse(EXAMPLE), "src/a/b/c.py") == ("@py-owners",)
