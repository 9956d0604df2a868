"""Missing-authorization fixer (issue 12): a new Flask route without the decorator every protected
sibling carries gets that decorator above its ``def``; the verifier re-runs the route check on the
patched copy, so the fix passes and a fix that leaves the route open is rejected."""

from __future__ import annotations

from bot.analysis import fixers
from bot.analysis.verify import check_fixes
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Severity, SourceFile

BEFORE = (
    "from flask import Blueprint, jsonify\n\nfrom .auth import login_required\nfrom .models import User\n\n"
    'bp = Blueprint("admin", __name__)\n\n\n@bp.route("/admin/users")\n@login_required\ndef list_users():\n'
    "    return jsonify([u.public() for u in User.query.all()])\n\n\n"
    '@bp.route("/admin/users/<int:uid>", methods=["DELETE"])\n@login_required\ndef delete_user(uid):\n'
    '    User.query.filter_by(id=uid).delete()\n    return "", 204\n'
)
ADDED = (
    '\n\n@bp.route("/admin/users/export")\ndef export_users():  # all fields\n'
    "    return jsonify([u.full_record() for u in User.query.all()])\n"
)


def _source(before: str, added: str, path: str = "app/admin.py") -> SourceFile:
    old = before.splitlines()
    new = added.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
        f"@@ -{len(old)},1 +{len(old)},{len(new) + 1} @@\n {old[-1]}\n" + "".join(f"+{ln}\n" for ln in new)
    )
    return SourceFile(parse_diff(diff).file(path), before + added, "python", False)


def _finding(sf: SourceFile, line: int) -> Finding:
    return Finding(
        "route-missing-auth", "remediator", "missing-authorization", "CWE-862", "t", Severity.HIGH,
        Confidence.MEDIUM, sf.path, line, line + 1, "m",
    )  # fmt: skip


def test_the_new_route_gets_its_siblings_decorator_and_passes_the_route_check(tmp_path):
    sf = _source(BEFORE, ADDED)
    route = sf.lines.index('@bp.route("/admin/users/export")') + 1
    out = fixers.propose(_finding(sf, route), {sf.path: sf})
    assert out.replacement == (
        '@bp.route("/admin/users/export")\n@login_required\ndef export_users():  # all fields'
    )
    assert (out.start_line, out.end_line) == (route, route + 1)
    wrong = out.with_(replacement='@bp.route("/admin/users/export")\ndef export_users():  # login_required')
    verdicts = check_fixes([out, wrong], {sf.path: sf}, tmp_path, timeout=300)
    assert verdicts[0].ok, verdicts[0].reason
    assert not verdicts[1].ok and "route-missing-auth" in verdicts[1].reason


def test_siblings_that_disagree_or_a_decorated_new_route_are_left_alone():
    mixed = BEFORE.replace('methods=["DELETE"])\n@login_required', 'methods=["DELETE"])\n@admin_required')
    sf = _source(mixed, ADDED)
    route = sf.lines.index('@bp.route("/admin/users/export")') + 1
    assert fixers.propose(_finding(sf, route), {sf.path: sf}).replacement is None
    protected = ADDED.replace("def export_users", "@login_required\ndef export_users")
    sf = _source(BEFORE, protected)
    assert fixers.propose(_finding(sf, route), {sf.path: sf}).replacement is None
    sf = _source(BEFORE, ADDED)
    assert fixers.propose(_finding(sf, route + 1), {sf.path: sf}).replacement is None  # not a route line
