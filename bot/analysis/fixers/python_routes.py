"""A new Python route without the auth decorator its sibling routes carry -> the same decorator
(issue 12). The module's own convention decides: every protected sibling route (``route_auth``'s
judgement) must carry the same decorator line directly above its ``def``, and that line is added
directly above the new handler's ``def`` with the handler's indentation. The rewrite is kept only if
the route check then sees the handler as protected. The decorator is already bound in the module (the
siblings use it), so nothing is imported. Pure: source text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.rewrite import suggest
from bot.analysis.route_auth import Route, routes_in
from bot.core.models import Finding, SourceFile

STEP = (
    "The handler now requires what its sibling routes require; if it was meant to be public, say so "
    "with a comment and dismiss this finding instead."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if (
        sf.language != "python"
        or finding.category != "missing-authorization"
        or finding.replacement is not None
    ):
        return None
    lines = sf.text.splitlines()
    routes = routes_in(sf.language, sf.path, lines)
    new = next((r for r in routes if r.line == finding.start_line and not r.protected), None)
    siblings = [r for r in routes if r.protected and r.line not in sf.change.added_lines]
    if new is None or not siblings:
        return None
    above = {_above_def(lines, r) for r in siblings}
    if len(above) != 1:
        return None
    decorator = above.pop()
    if decorator is None or not decorator.startswith("@"):
        return None
    def_line = max(new.lines)
    own = {lines[n - 1].strip() for n in new.lines}
    if decorator in own:
        return None
    row = lines[def_line - 1]
    indent = row[: len(row) - len(row.lstrip())]
    patched = [*lines[: def_line - 1], indent + decorator, *lines[def_line - 1 :]]
    check = routes_in(sf.language, sf.path, patched)
    if not any(r.line == new.line and r.protected for r in check):
        return None
    text = "\n".join(patched) + ("\n" if sf.text.endswith("\n") else "")
    return suggest(finding, sf, text, (STEP,))


def _above_def(lines: list[str], route: Route) -> str | None:
    """The stripped line directly above the route's ``def`` line, when it is one of its decorators."""
    def_line = max(route.lines)
    if def_line - 1 < route.line or def_line < 2:
        return None
    return lines[def_line - 2].strip()
