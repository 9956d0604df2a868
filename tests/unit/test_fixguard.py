"""A model-written fix may only rewrite the flagged expression (issue 12 item 2): the attack from
the issue (an SQL injection turned into an authorisation backdoor) is refused, ordinary fixes pass,
and the tokenizer that compares them is total and linear on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.llm.fixguard import MAX_TEXT, check_model_fix, file_names, tokens

SQLI = '    cur.execute("SELECT id FROM users WHERE name = \'" + user + "\' AND pw = \'" + pw + "\'")'
SQLI_FIXED = '    cur.execute("SELECT id FROM users WHERE name = ? AND pw = ?", (user, pw))'


@pytest.mark.parametrize(
    "backdoor",
    [
        '    if user == "admin":\n        return True\n' + SQLI_FIXED,
        '    if user == "admin": return True\n' + SQLI_FIXED,
        SQLI_FIXED + ' if user != "admin" else True',
        '    cur.execute("SELECT id FROM users WHERE name = ? AND pw = ?", (user, pw)) or user == "admin"',
        "    return True",
    ],
)
def test_the_sql_injection_turned_authorisation_backdoor_is_refused(backdoor):
    assert check_model_fix(SQLI, backdoor, "sql-injection") is not None


def test_a_parameterised_query_in_the_drivers_style_passes():
    assert check_model_fix(SQLI, SQLI_FIXED, "sql-injection") is None
    pg = "    await db.query(`SELECT * FROM t WHERE id = ${id}`)"
    assert (
        check_model_fix(pg, "    await db.query('SELECT * FROM t WHERE id = $1', [id])", "sql-injection")
        is None
    )


@pytest.mark.parametrize(
    ("original", "fixed", "category"),
    [
        (
            '    el.innerHTML = "<b>" + name + "</b>";',
            '    el.innerHTML = "<b>" + escapeHtml(name) + "</b>";',
            "xss",
        ),
        ("    el.innerHTML = q;", "    el.textContent = q;", "xss"),
        ("    token = random.choice(ALPHA)", "    token = secrets.choice(ALPHA)", "insecure-randomness"),
        ("    data = yaml.load(body)", "    data = yaml.safe_load(body)", "deserialization"),
        ("    requests.get(url, verify=False)", "    requests.get(url, verify=True)", "tls-verification"),
    ],
)
def test_ordinary_fixes_of_the_expression_pass(original, fixed, category):
    assert check_model_fix(original, fixed, category) is None


@pytest.mark.parametrize(
    ("fixed", "reason"),
    [
        ("    import os\n    cur.execute(q, (x,))", "`import`"),
        ("    cur.execute(q, (x,)); notify(x)", "call to `notify`"),
        ('    cur.execute(q, (x,), note="hello")', "string 'hello'"),
        ("    for _ in range(2): cur.execute(q, (x,))", "branch"),
        ("    try:\n        cur.execute(q, (x,))\n    except Exception: pass", "lines"),
        ("    cur.execute(q, (x,)) if x else None", "branch"),
        ("    __import__('os').system(x)", "the fix adds `"),
    ],
)
def test_new_imports_calls_strings_and_branches_are_refused(fixed, reason):
    out = check_model_fix("    cur.execute(q % x)", fixed, "sql-injection")
    assert out is not None and reason in out


def test_a_guard_class_may_add_one_check_that_refuses_and_never_one_that_grants():
    original = "    db.orders.delete(order)"
    calls = file_names("from app.auth import current_user\nfrom flask import abort\n")
    refuse = "    if order.owner_id != current_user().id:\n        abort(403)\n    db.orders.delete(order)"
    assert check_model_fix(original, refuse, "other", calls) is None
    grant = "    if order.owner_id != current_user().id:\n        return True\n    db.orders.delete(order)"
    assert "`True`" in check_model_fix(original, grant, "other", calls)
    silent = "    if order.owner_id == current_user().id:\n        db.orders.delete(order)"
    assert "does not refuse" in check_model_fix(original, silent, "other", calls)
    two = "    if a:\n        abort(403)\n    if b: abort(404)\n    db.orders.delete(order)"
    assert check_model_fix(original, two, "other", calls) is not None
    unknown = "    if not allowed_by_backdoor(order):\n        abort(403)\n    db.orders.delete(order)"
    assert "allowed_by_backdoor" in check_model_fix(original, unknown, "other", calls)


def test_a_rewrite_far_larger_than_the_expression_is_refused():
    original = "    x = f(a)"
    rewrite = "    x = f(a) + f(a) + f(a) + f(a) + f(a) + f(a) + f(a) + f(a) + f(a) + f(a)"
    assert "tokens" in check_model_fix(original, rewrite, "xss")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_any_text_is_tokenised_and_an_unchanged_text_always_passes(text):
    toks = tokens(text)
    assert all(t.text for t in toks)
    assert check_model_fix(text, text, "sql-injection") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab(). =+'\"\n"), max_size=300))
def test_adding_a_branch_to_any_expression_outside_a_guard_class_is_refused(text):
    assert check_model_fix(text, text + "\nif a: b", "sql-injection") is not None


@pytest.mark.parametrize("unit", ['"\\', "'", "`", '"' + "a" * 10, "r'", 'f"{', "\\", "0" * 7 + ".", "//"])
def test_the_tokenizer_stays_linear_on_100_kb_of_adversarial_text(unit):
    text = (unit * (100_000 // len(unit)))[:100_000]
    toks = tokens(text)  # a backtracking pattern would not finish
    assert toks
    assert check_model_fix(text[:200], text[:200], "xss") is None
    assert check_model_fix(text[:MAX_TEXT], text[:MAX_TEXT], "xss") in (
        None,
        "the fix is too large to compare",
    )


@pytest.mark.parametrize(
    ("original", "fixed", "category"),
    [
        (
            '    if not is_admin(u): abort(403)\n    cur.execute("DELETE FROM t WHERE id=" + x)',
            '    cur.execute("DELETE FROM t WHERE id=?", (x,))',
            "sql-injection",
        ),
        (
            '    if not is_admin(u): abort(403)\n    cur.execute("DELETE FROM t WHERE id=" + x)',
            '    if is_admin(u): abort(403)\n    cur.execute("DELETE FROM t WHERE id=?", (x,))',
            "sql-injection",
        ),
        (
            "    if (!user.isAdmin()) throw new Forbidden(); el.innerHTML = q;",
            "    el.textContent = q;",
            "xss",
        ),
        (
            "    if '..' in name: raise BadRequest()\n    return open(base + name)",
            "    return open(safe_join(base, name))",
            "path-traversal",
        ),
        (
            "    if not ok: return err(401)\n    os.system(c)",
            "    if not ok: return err()\n    run([c])",
            "other",
        ),
    ],
)
def test_a_fix_that_drops_an_existing_check_is_refused(original, fixed, category):
    # a model asked to fix the query may delete the authorisation check beside it: the re-scan
    # flags nothing, so the guard must
    assert "removes" in check_model_fix(original, fixed, category)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab(). =+'\"\n"), max_size=200))
def test_removing_a_refusal_from_any_lines_is_refused(text):
    guarded = "if not ok(u): abort(403)\n" + text
    assert check_model_fix(guarded, text, "sql-injection") is not None
