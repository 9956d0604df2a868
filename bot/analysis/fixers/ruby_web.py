"""Ruby on Rails fixer: an open redirect gets ``allow_other_host: false``.

``redirect_to <url>`` on a flagged line, where the URL is request data (``params``, ``request``,
``cookies``; not a route helper), the whole call on that line with no block or trailing
``if``/``unless``, gains ``allow_other_host: false``: Rails (7.0 and later) then refuses a URL on
another host with ``ActionController::Redirecting::UnsafeRedirectError``. Line-based: the line is
split on the first ``redirect_to`` only, no regular expression. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis.fixers.edits import Edit, to_finding
from bot.core.models import Finding, SourceFile

ATTACKER = ("params", "request.", "cookies", "session[")
STOPS = (" if ", " unless ", " do", "{", "#", " and ", " or ", ";")


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "ruby" or finding.category != "open-redirect" or finding.replacement is not None:
        return None
    edits = []
    for n in finding.lines:
        if not 1 <= n <= len(sf.lines):
            return None
        line = sf.lines[n - 1]
        head, found, rest = line.partition("redirect_to")
        if not found or head.strip() not in ("", "return") or "allow_other_host" in rest:
            continue
        body = rest.rstrip()
        target = body.strip().lstrip("(").strip()
        if target.split("(")[0].endswith(("_path", "_url")) or not any(w in target for w in ATTACKER):
            continue  # a route helper, a model, a constant: Rails builds a same-site URL
        if not body.strip() or any(s in body for s in STOPS) or body.rstrip().endswith(","):
            return None
        if body.startswith("("):
            if not body.endswith(")") or body.count("(") != body.count(")"):
                return None
            end = len(head) + len(found) + len(body) - 1
            edits.append(Edit(n, end, end, ", allow_other_host: false"))
        elif body.startswith(" "):
            end = len(head) + len(found) + len(body)
            edits.append(Edit(n, end, end, ", allow_other_host: false"))
    if len(edits) != 1:
        return None
    step = (
        "Rails 7 and later now refuse a URL on another host (UnsafeRedirectError); on older Rails, keep "
        "only a path that starts with a single '/' (or use an allow-list of hosts)."
    )
    return to_finding(finding, sf, edits, (step,))
