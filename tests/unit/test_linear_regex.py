"""Every regular expression in bot/ (and the webhook intake) runs in linear time on hostile text.

Patterns are found by walking the modules, so a new one is covered without being listed. Each is
run (``search`` and ``finditer``) over 10-100 kB adversarial inputs, and its time is compared with
a trivial linear pass over the same input (one regex step per character): a backtracking pattern
costs thousands of times the baseline at these sizes, a linear one a small multiple. Timings are the
best of three, so a busy machine slows both sides alike.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesis.strategies as st
import yaml
from hypothesis import HealthCheck, given, settings

import bot
from bot.core.redact import redact, redact_prose
from bot.llm import injection

_ANY = re.compile(r".", re.DOTALL)
MAX_RATIO = 40.0  # one pattern against the one-step-per-character baseline
MAX_REDACT_RATIO = 120.0  # the whole redaction (dozens of patterns and a scan per line)

# Pieces that make backtracking patterns explode when repeated: runs of separators, quotes,
# assignment operators, secret names without values, URL punctuation, key markers, declarations.
ATOMS = (
    '"token"',
    "token",
    "=",
    "==",
    '"',
    "'",
    "`",
    " ",
    "\t",
    ":",
    "@",
    "://",
    "a://b:",
    "http://u:p@",
    "password=",
    "password: ",
    "token = ",
    "secret_key",
    "ENV ",
    "-----BEGIN RSA PRIVATE KEY-----",
    "AKIA",
    "ghp_",
    "glpat-",
    "xoxb-",
    "sk-",
    "hooks.slack.com/",
    "a" * 7,
    "0123456789",
    "(",
    ")",
    "{",
    "<",
    ",",
    ".",
    "-",
    "_",
    "/",
    "\\",
    "ignore ",
    "code reviewer ",
    "you are now ",
    "public static ",
    "foo(",
    "): ",
    "function ",
    "=> ",
    "Code generated ",
    "#!",
    "\u00e9",
)


def _modules() -> Iterator[object]:
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if ".migrations" in info.name:
            continue
        yield importlib.import_module(info.name)
    yield importlib.import_module("webhooks.intake.common")


def _patterns_in(value: object, depth: int = 0) -> Iterator[re.Pattern[str]]:
    if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
        yield value
    elif isinstance(value, tuple | list | frozenset | set) and depth < 3:
        for item in value:
            yield from _patterns_in(item, depth + 1)
    elif isinstance(value, dict) and depth < 3:
        for item in value.values():
            yield from _patterns_in(item, depth + 1)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type) and depth < 3:
        # a table row (SecretKind, a fixer's setting flip): its pattern fields
        for f in dataclasses.fields(value):
            yield from _patterns_in(getattr(value, f.name), depth + 1)


def all_patterns() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()
    for module in _modules():
        for attr, value in vars(module).items():
            for i, pattern in enumerate(_patterns_in(value)):
                if id(pattern) not in seen:
                    seen.add(id(pattern))
                    found[f"{module.__name__}.{attr}[{i}]"] = pattern
    return found


PATTERNS = all_patterns()


def best_time(fn: Callable[[], object], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def baseline(text: str) -> float:
    return best_time(lambda: sum(1 for _ in _ANY.finditer(text)))


def ratio(fn: Callable[[str], object], text: str, base: float | None = None) -> float:
    return best_time(lambda: fn(text)) / max(base if base is not None else baseline(text), 1e-6)


def slow_patterns(text: str) -> dict[str, float]:
    base = baseline(text)
    slow = {}
    for name, pattern in PATTERNS.items():
        r = ratio(scan(pattern), text, base)
        if r > MAX_RATIO:
            r = ratio(scan(pattern), text)  # measured again against a fresh baseline: not noise
        if r > MAX_RATIO:
            slow[name] = round(r, 1)
    return slow


def scan(pattern: re.Pattern[str]) -> Callable[[str], object]:
    return lambda text: (pattern.search(text), sum(1 for _ in pattern.finditer(text)))


adversarial = st.builds(
    lambda atoms, size: ("".join(atoms) * (size // max(1, len("".join(atoms))) + 1))[:size],
    st.lists(st.sampled_from(ATOMS), min_size=1, max_size=4),
    st.integers(min_value=10_000, max_value=100_000),
)


def test_the_walk_finds_the_patterns_that_see_untrusted_text():
    names = set(PATTERNS)
    for expected in (
        "bot.core.redact._AFTER_NAME",
        "bot.llm.injection.PATTERNS",
        "bot.core.symbols._METHOD_HEAD",
        "bot.analysis.fixers.settings_flip._FLIPS",  # patterns in a table of dataclass rows
    ):
        assert any(n.startswith(expected) for n in names), expected
    assert len(PATTERNS) > 40


def test_issue_15_inputs_are_linear_in_every_pattern():
    """The inputs of the report: 2 kB of '"token"' took 35 s in the old _ASSIGNED (cubic)."""
    inputs = [
        "token" * 20_000,
        '"token"' * 14_000,
        "=" * 100_000,
        "a://b:" * 16_000,
        "http://" + "@:" * 45_000,
        " " * 100_000,
    ]
    for text in inputs:
        assert not slow_patterns(text), text[:12]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_every_pattern_is_linear_on_adversarial_input(text):
    assert not slow_patterns(text), text[:40]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_redaction_and_injection_checks_are_linear(text):
    assert ratio(redact, text) < MAX_REDACT_RATIO
    assert ratio(redact_prose, text) < MAX_REDACT_RATIO
    assert ratio(injection.match, text) < MAX_RATIO


def test_a_line_longer_than_the_cap_is_hidden_whole_and_keeps_its_line():
    from bot.core.redact import MAX_LINE_CHARS, PLACEHOLDER

    text = "ok\n" + "x = 1; " * (MAX_LINE_CHARS // 7 + 1) + "\nend"
    out = redact(text).split("\n")
    assert out == ["ok", PLACEHOLDER, "end"]


# ---------------------------------------------------------------------------------------------------
# the rule pack's regular expressions (semgrep runs them on the change's code: PCRE, a backtracking
# engine like Python's re, which stands in for it here)

RULES = Path(bot.__file__).parent / "analysis" / "rules"
RULE_TEXTS = (
    *(
        (atom * (4_000 // len(atom) + 1))[:4_000]
        for atom in (
            "token = ",
            '"token"',
            "-",
            ".",
            "<",
            " ",
            "a" * 7,
            "0123456789",
            "%0",
            "${{",
            "passw",
            "\t",
        )
    ),
    "%" + "0" * 3_999,  # a format directive's flags and width in one run
    # a '<' run, bare and as a quoted literal: a lookahead that tries <[^>]*> after every prefix of the
    # run is quadratic, but only 15-40x the baseline at 4 kB (114-189x at 32 kB), so these are longer
    "<" * 32_000,
    '"' + "<" * 31_999,
)


def _python_flags(regex: str) -> str:
    """PCRE takes a global flag anywhere; Python only at the start (where it means the same)."""
    flags = "".join(dict.fromkeys(re.findall(r"\(\?([a-z]+)\)", regex)))
    return (f"(?{flags})" if flags else "") + re.sub(r"\(\?[a-z]+\)", "", regex)


def rule_regexes() -> dict[tuple[str, str], tuple[str, re.Pattern[str]]]:
    """(file:rule id, regex) -> how semgrep applies it (a metavariable's text is matched from its
    start, a pattern-regex is searched through the file) and the compiled pattern."""
    found: dict[tuple[str, str], tuple[str, re.Pattern[str]]] = {}
    for path in sorted(RULES.glob("*.yml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules", []):
            stack: list[object] = [rule]
            while stack:
                value = stack.pop()
                if isinstance(value, dict):
                    for key, item in value.items():
                        if key in ("regex", "pattern-regex", "pattern-not-regex") and isinstance(item, str):
                            how = "match" if key == "regex" else "search"
                            found[(f"{path.name}:{rule['id']}", item)] = (
                                how,
                                re.compile(_python_flags(item)),
                            )
                        else:
                            stack.append(item)
                elif isinstance(value, list):
                    stack.extend(value)
    return found


def test_every_rule_pack_regex_is_linear():
    regexes = rule_regexes()
    assert len(regexes) > 100 and any(rule.startswith("c.yml:") for rule, _ in regexes)
    slow: dict[tuple[str, str], float] = {}
    for text in RULE_TEXTS:
        base = baseline(text)
        for key, (how, pattern) in regexes.items():
            if key in slow:
                continue  # already shown slow on an earlier text
            run = scan(pattern) if how == "search" else pattern.match
            r = ratio(run, text, base)
            if r > MAX_RATIO:
                r = ratio(run, text)  # against a fresh baseline: not noise
            if r > MAX_RATIO:
                slow[key] = round(r, 1)
    assert slow == {}, {f"{rule} {regex[:60]}": r for (rule, regex), r in slow.items()}


def test_the_workflow_script_filter_reads_a_mention_of_pages_or_commits_once():
    """gha-run-untrusted-context looks for github.event.pages ... .page_name and github.event.commits
    ... .message up to the '}'; tried from every mention, that was quadratic in the mentions, which the
    texts above are too short to show (15x at 32 kB): 140-330x on these 300 kB, under 2x now."""
    [pattern] = [
        p for (rule, _), (_, p) in rule_regexes().items() if rule.endswith(":gha-run-untrusted-context")
    ]
    for word in ("commits", "pages"):
        text = "${{ " + f"github.event.{word} " * 16_000
        r = ratio(pattern.match, text)
        if r > MAX_RATIO:
            r = ratio(pattern.match, text)  # against a fresh baseline: not noise
        assert r < MAX_RATIO, (word, round(r, 1))
