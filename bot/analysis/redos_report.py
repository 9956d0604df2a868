"""When an added regular expression is a ReDoS finding, and the finding's text (for bot.analysis.redos).

The rule, on ``redos_ambiguity`` verdicts: a pattern that replaces another (same call in the hunk,
or the same name rebound) is reported only when it is strictly worse (exponential > polynomial of
degree k > degree k-1 > linear; two exponential ones by their witnesses, ``Ambiguity.worse_than``),
at medium confidence: a change that reduces or keeps the ambiguity is never reported (in JS/Ruby,
only when the pattern is polynomial within itself, not only through the search from each position).
A brand-new pattern: exponential is medium (in JS/Ruby only when the older shape check,
``redos_regex.findings``, also sees a nested repeat, as was measured there); in Python, polynomial
of degree 2 or more within the pattern itself, applied to non-constant text, is low (summary). The
quadratic that only the search from every position adds (`\\s*,`, `<[^>]*>`) is left alone on a new
pattern: it is in most patterns that search, except (JS/Ruby, low) when the pattern opens with a
repeat of white space (`/ *, */`, `/[\r\n]+$/`): the split or trim of headers and text that the
ws, fresh, debug, trim-newlines and sinatra advisories fixed.
Imports bot.core and bot.analysis.redos_ambiguity only.
"""

from __future__ import annotations

from bot.analysis.redos_ambiguity import EXPONENTIAL, Ambiguity
from bot.core.models import Confidence, FileChange, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_ID = "regex-redos"
MAX_SHOWN = 120


def verdict(
    added: Ambiguity,
    removed: Ambiguity | None,
    *,
    python: bool,
    constant_input: bool,
    leading: bool = False,
    loosened: bool = False,
    unpaired: bool = False,
) -> Confidence | None:
    """The confidence to report ``added`` at, or None: see the module's rule. ``leading``: the
    pattern opens, unanchored, with a repeat of white space that something after it can fail.
    ``loosened``: the pattern replaced was searched unanchored too (what changed is inside it).
    ``unpaired`` (JS/Ruby): a new pattern the caller found polynomial within itself, not only in
    wildcards, in a hunk that rewrites no pattern as ambiguous: low, as in Python."""
    if not added.known or added.rank < 2:
        return None
    if removed is not None:
        # JS/Ruby: the quadratic that only the search from each position adds is not enough, unless
        # the pattern opens with a white-space repeat (low, as for a new one)
        if not added.worse_than(removed):
            return None
        if python or added.inner >= 2:
            return Confidence.MEDIUM
        # the search's quadratic where a linear pattern stood: a bound or an exclusion taken off
        # (underscore.string's `[^;]{1,10}` -> `[^;]+`, minimatch's `(?:(?!\{).)*` -> `.*`)
        return Confidence.LOW if leading or (loosened and removed.rank == 1) else None
    if added.rank == EXPONENTIAL:
        return Confidence.MEDIUM
    if (python or unpaired) and not constant_input and added.inner >= 2:
        return Confidence.LOW
    if not python and leading:  # `split(/ *, */)`, `replace(/[\r\n]+$/, '')`: quadratic in V8 and Onigmo
        return Confidence.LOW
    return None


def _kind(a: Ambiguity) -> str:
    if a.rank == EXPONENTIAL:
        return "exponential"
    if a.rank >= 2:
        return f"polynomial (degree {a.rank})"
    return "linear"


def _code(text: str | bytes) -> str:
    shown = text if isinstance(text, str) else text.decode("latin-1")
    shown = shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 3] + "..."
    return shown.replace("`", "'").replace("\n", "\\n")


def message(pattern: str | bytes, a: Ambiguity, removed: Ambiguity | None) -> str:
    parts = ", ".join(f"`{_code(p)}`" for p in a.parts) or "its repeats"
    closing = f" without {a.closing}" if a.closing else ""
    if a.pump.startswith("repetitions"):
        trigger = f"many {a.pump} followed by a character that fails the match"
    else:
        trigger = f"a long run of {a.pump}{closing}" if a.pump else "a long crafted input"
    if a.rank == EXPONENTIAL:
        how = (
            f"a repeated part ({parts}) can split the same text between its iterations in many ways, "
            f"so {trigger} makes the matcher try exponentially many splits"
        )
    else:
        search = " (it is searched from every position)" if a.inner < a.rank else ""
        how = (
            f"{parts} can match the same characters one after another{search}, so {trigger} makes "
            f"the matcher try every split: time grows with the input's length to the power {a.rank}"
        )
    text = f"The pattern `{_code(pattern)}` is ambiguous ({_kind(a)}): {how}."
    if removed is not None:
        text += f" The pattern it replaces was {_kind(removed)}."
    return text


def finding(
    fc: FileChange,
    line: int,
    pattern: str | bytes,
    a: Ambiguity,
    *,
    removed: Ambiguity | None,
    confidence: Confidence,
) -> Finding:
    cat = lookup_category("redos")
    return Finding(
        rule_id=RULE_ID,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title="Regular expression can backtrack without bound",
        severity=Severity.MEDIUM,
        confidence=confidence,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=message(pattern, a, removed),
        explanation=(
            "Backtracking regex engines (Python's re, V8, Ruby's Onigmo) try every way to split the input "
            "between ambiguous repeats before giving up, so one request with a long crafted string "
            "blocks the worker or event loop."
        ),
        remediation=(
            "Make the repeats unambiguous: exclude the separator from the repeated class (`[^,]*` instead "
            "of `.*`), drop the inner quantifier (`(\\d+)*` -> `\\d+`), anchor the pattern, or trim "
            "without a regex.",
            "Where the engine has them (Python 3.11+, Ruby, PCRE), make the repeat atomic or possessive "
            "(`(?>...)`, `\\s*+`) so it never gives characters back.",
            "Cap the input's length before matching.",
            "Add a test that matches a 50 kB adversarial string within a time budget.",
        ),
        provenance=Provenance(engine=ENGINE),
    )
