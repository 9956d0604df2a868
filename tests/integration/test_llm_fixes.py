"""Model-written fixes through the whole review with a scripted model (issue 12 item 2).

The attack from the issue: a model asked to verify an SQL injection answers with a "fix" that is an
authorisation backdoor; a clean re-scan alone would post it as verified. It is withheld, and the
comment says no fix could be verified. An honest fix of the expression is posted, marked as written
by a model beside the word verified; a fix for the model's own finding also needs a second request.
A fix that fits the change but leaves the flaw is withheld by the re-scan, and says so too.
"""

from __future__ import annotations

import pytest

from bot.analysis.pipeline import review_change
from bot.core.formats import finding_dict
from bot.core.render import comment_body
from bot.core.review import Policy
from bot.llm.fixguard import check_model_fix
from tests.integration.llm_support import llm_settings, make_change
from tests.sim.openai_server import EXPLOITABLE, NO_FINDINGS, FakeOpenAI, Recorded, Reply, chat

LOGIN = """import odd_driver

from flask import Flask, request

app = Flask(__name__)


@app.post("/login")
def login():
    cur = odd_driver.connect("db").cursor()
    user = request.form["user"]
    cur.execute("SELECT id FROM users WHERE name = '" + user + "'")
    return {"ok": cur.fetchone() is not None}
"""
SQL_LINE = 12
HONEST = '    cur.execute("SELECT id FROM users WHERE name = ?", (user,))'
BACKDOOR = '    if user == "admin":\n        return {"ok": True}\n' + HONEST


@pytest.fixture
def login_change():
    changeset, _ = make_change({}, {"app/login.py": LOGIN})
    return changeset


def _respond(replacement: str | None, *, detect=NO_FINDINGS, check=None):
    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            return chat(detect)
        if req.kind == "fix_check":
            return chat(
                check
                if check is not None
                else {"fixed": False, "changes_only_the_flaw": False, "reason": "-"}
            )
        return chat({**EXPLOITABLE, "replacement": replacement})

    return respond


def _run(tmp_path, login_change, respond, after=None):
    after = after or {"app/login.py": LOGIN}
    with FakeOpenAI(respond) as server:
        review = review_change(
            login_change,
            lambda p: after[p].encode() if p in after else None,
            llm_settings(server.url, tmp_path),
            policy=Policy(max_inline=50),
        )
    return review, server


def _sqli(review):
    (rf,) = [rf for rf in review.findings if rf.finding.category == "sql-injection"]
    return rf


def test_a_backdoor_posing_as_an_sql_fix_is_withheld_and_the_comment_says_so(tmp_path, login_change):
    review, server = _run(tmp_path, login_change, _respond(BACKDOOR))
    rf = _sqli(review)
    assert rf.finding.replacement is None
    assert rf.finding.fix_origin == ""
    body = comment_body(rf)
    assert "no fix could be verified" in body
    assert "Suggested fix" not in body and '"admin"' not in body
    assert any("fix(es) that did not fit the change" in n for n in review.notes)
    assert "verification" in [r.kind for r in server.requests]


def test_an_honest_fix_of_the_expression_is_verified_and_says_a_model_wrote_it(tmp_path, login_change):
    review, _ = _run(tmp_path, login_change, _respond(HONEST))
    rf = _sqli(review)
    assert rf.finding.replacement == HONEST
    assert rf.finding.fix_origin == "model"
    body = comment_body(rf)
    assert "**Suggested fix** (written by a model; verified: re-scanned clean" in body
    assert finding_dict(rf.finding)["replacement_by"] == "model"
    assert "no fix could be verified" not in body


IDOR = {
    "category": "missing-authorization",
    "title": "Anyone can delete any order",
    "severity": "high",
    "confidence": "high",
    "start_line": 0,
    "end_line": 0,
    "message": "The owner is never checked before the delete.",
}
ORDERS = """from flask import Flask, abort

from app.auth import current_user
from app.db import db

app = Flask(__name__)


@app.delete("/orders/<int:order_id>")
def delete_order(order_id):
    order = db.orders.get(order_id)
    db.orders.delete(order)
    return "", 204
"""
DELETE_LINE = 12
GUARD = "    if order.owner_id != current_user().id:\n        abort(403)\n    db.orders.delete(order)"


@pytest.mark.parametrize(
    ("check", "kept"),
    [
        ({"fixed": True, "changes_only_the_flaw": True, "reason": "owner checked"}, True),
        ({"fixed": True, "changes_only_the_flaw": False, "reason": "also changes the response"}, False),
        ({"fixed": False, "changes_only_the_flaw": True, "reason": "the check can be bypassed"}, False),
        ("not json at all", False),
    ],
)
def test_a_fix_for_the_models_own_finding_needs_the_second_request(tmp_path, check, kept):
    after = {"app/orders.py": ORDERS}
    changeset, _ = make_change({}, after)
    idor = {**IDOR, "start_line": DELETE_LINE, "end_line": DELETE_LINE}
    respond = _respond(GUARD, detect={"findings": [idor]}, check=check)
    review, server = _run(tmp_path, changeset, respond, after)
    (rf,) = [rf for rf in review.findings if rf.finding.engine == "llm"]
    assert "fix_check" in [r.kind for r in server.requests]
    req = server.of_kind("fix_check")[0]
    assert "abort(403)" in req.user and "db.orders.delete(order)" in req.user
    if kept:
        assert rf.finding.replacement == GUARD and rf.finding.fix_origin == "model"
        assert "written by a model; verified" in comment_body(rf)
    else:
        assert rf.finding.replacement is None
        assert "no fix could be verified" in comment_body(rf)


# fits the change (no new branch, call, import or literal) but the query is still built from the value:
# the guard lets it through to the re-scan, which must withhold it
STILL_BUILT = '    cur.execute("SELECT id FROM users WHERE name = \'" + user + "\'", ())'


def test_a_model_fix_that_fits_the_change_but_leaves_the_flaw_is_withheld_by_the_rescan(
    tmp_path, login_change
):
    original = LOGIN.splitlines()[SQL_LINE - 1]
    assert check_model_fix(original, STILL_BUILT, "sql-injection") is None  # it reaches the re-scan
    review, _ = _run(tmp_path, login_change, _respond(STILL_BUILT))
    rf = _sqli(review)
    assert rf.finding.replacement is None and rf.finding.fix_origin == ""
    body = comment_body(rf)
    assert "no fix could be verified" in body
    assert "Suggested fix" not in body and "written by a model" not in body
    assert any("did not pass verification" in n for n in review.notes)
