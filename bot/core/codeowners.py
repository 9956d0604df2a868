"""CODEOWNERS (GitHub's and GitLab's format): who owns a path, for the plans that group the work.

The file is untrusted repository text: it is read line by line, patterns are matched by a dynamic
programme over the path's characters (no regular expressions, time linear in pattern x path), and
sizes are capped. The last matching rule wins (GitHub's rule; GitLab's sections are read as one list,
a ``[Section]`` header and a leading ``^`` ignored). Pure: standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

LOCATIONS = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")
"""Where the hosts look for the file, in GitHub's order (GitLab also reads .gitlab/)."""
MAX_BYTES = 3_000_000
MAX_RULES = 10_000
MAX_PATTERN = 1_000
MAX_OWNERS = 50
MAX_WORK = 2_000_000
"""Table cells one owner lookup may fill over all its rules (a hostile file of long wildcard
patterns against a long path would otherwise take minutes per path; past it: no owner known)."""


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str
    owners: tuple[str, ...]


def _owner(token: str) -> bool:
    return token.startswith("@") or ("@" in token and "." in token.rsplit("@", maxsplit=1)[-1])


def parse(text: str) -> tuple[Rule, ...]:
    """The rules of a CODEOWNERS file (comments, blank lines, section headers skipped)."""
    rules: list[Rule] = []
    for raw in text[:MAX_BYTES].splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#") or line.startswith(("[", "^[")):
            continue
        parts = line.replace("\\ ", "\x00").split()
        pattern = parts[0].replace("\x00", " ")
        if len(pattern) > MAX_PATTERN:
            continue
        owners = tuple(p for p in parts[1:] if _owner(p))[:MAX_OWNERS]
        rules.append(Rule(pattern, owners))
        if len(rules) >= MAX_RULES:
            break
    return tuple(rules)


class _Budget:
    __slots__ = ("left",)

    def __init__(self, cells: int) -> None:
        self.left = cells

    def spend(self, cells: int) -> None:
        self.left -= cells
        if self.left < 0:
            raise _OutOfBudget


class _OutOfBudget(Exception):
    pass


def _glob(pattern: str, text: str, budget: _Budget | None = None) -> bool:
    """``*`` and ``?`` within one path segment, ``**/`` zero or more whole folders, any other ``**``
    anything; matched by dynamic programming over (pattern token, text position)."""
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        for special in ("**/", "**"):
            if pattern.startswith(special, i):
                tokens.append(special)
                i += len(special)
                break
        else:
            tokens.append(pattern[i])
            i += 1
    reach = [True] + [False] * len(text)  # reach[j]: text[:j] matched by the tokens so far
    for tok in tokens:
        if budget is not None:
            budget.spend(len(text) + 1)
        nxt = [False] * (len(text) + 1)
        if tok in ("**", "*"):
            seen = False
            for j in range(len(text) + 1):
                if tok == "*" and j and text[j - 1] == "/":
                    seen = False
                seen = seen or reach[j]
                nxt[j] = seen
        elif tok == "**/":
            seen = False  # some earlier reach[k] with text[k:j] ending in '/'
            for j in range(len(text) + 1):
                if j and text[j - 1] == "/" and seen:
                    nxt[j] = True
                seen = seen or reach[j]
                nxt[j] = nxt[j] or reach[j]
        else:
            for j in range(1, len(text) + 1):
                ch = text[j - 1]
                nxt[j] = reach[j - 1] and (ch == tok or (tok == "?" and ch != "/"))
        reach = nxt
        if not any(reach):
            return False
    return reach[len(text)]


def matches(pattern: str, path: str, budget: _Budget | None = None) -> bool:
    """GitHub's CODEOWNERS rules: a leading ``/`` or any inner ``/`` anchors at the root, a bare name
    matches at any depth; a directory (a trailing ``/``, or a last segment without wildcards) covers
    everything below it; ``docs/*`` covers the files directly in docs/ only."""
    path = path.strip("/")
    body = pattern.strip("/")
    if not body or not path:
        return False
    if pattern == "*":
        return True
    if "/" not in body and not pattern.startswith("/"):
        body = "**/" + body
    last = body.rsplit("/", 1)[-1]
    folder = pattern.endswith("/") or not any(c in last for c in "*?")
    return _glob(body, path, budget) or (folder and _glob(body + "/**", path, budget))


def owners_of(rules: tuple[Rule, ...], path: str) -> tuple[str, ...]:
    """The owners of ``path``: the last rule that matches it (none: nobody, or not decided within
    MAX_WORK cells)."""
    budget = _Budget(MAX_WORK)
    try:
        for rule in reversed(rules):
            if matches(rule.pattern, path, budget):
                return rule.owners
    except _OutOfBudget:
        return ()
    return ()
