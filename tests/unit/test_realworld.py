"""Real-world evaluation: the two sides of each case, the three figures, and floors on tests/realworld/dev.

Floors are the figures measured when they were set (static analysis only); lowering one needs a reason
in the commit message. See tests/realworld/README.md for the figures and how they were measured.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from bot.cli.realworld import (
    FIXING,
    INTRODUCING,
    SideResult,
    _score,
    evaluate_realworld,
    is_realworld,
    load_realworld,
    side_change,
)
from bot.config.settings import Settings

DEV = Path(__file__).resolve().parents[1] / "realworld" / "dev"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"

VULNERABLE = """\
import sqlite3


def find_invoices(db_path, customer):
    cur = sqlite3.connect(db_path).cursor()
    query = "SELECT id, amount FROM invoices WHERE customer = '" + customer + "'"
    cur.execute(query)
    return cur.fetchall()
"""
FIXED = """\
import sqlite3


def find_invoices(db_path, customer):
    cur = sqlite3.connect(db_path).cursor()
    query = "SELECT id, amount FROM invoices WHERE customer = ?"
    cur.execute(query, (customer,))
    return cur.fetchall()
"""


def _case(root: Path, name: str, vulnerable: str, fixed: str, language: str = "python") -> None:
    case = root / name
    for side, text in (("vulnerable", vulnerable), ("fixed", fixed)):
        (case / side / "app").mkdir(parents=True)
        (case / side / "app" / "db.py").write_text(text, encoding="utf-8")
    (case / "case.yml").write_text(
        f"language: {language}\ncwe: CWE-89\ncategory: sql-injection\nlicence: MIT\n", encoding="utf-8"
    )


def test_layout_is_detected_and_sides_are_reversed(tmp_path):
    _case(tmp_path, "python-89-a", VULNERABLE, FIXED)
    assert is_realworld(tmp_path)
    assert not is_realworld(CORPUS)
    cases = load_realworld(tmp_path)
    intro, heads = side_change(cases, INTRODUCING)
    fix, fix_heads = side_change(cases, FIXING)
    assert "+    cur.execute(query)\n" in intro and "-    cur.execute(query)\n" in fix
    assert heads["python-89-a/app/db.py"] == VULNERABLE.encode()
    assert fix_heads["python-89-a/app/db.py"] == FIXED.encode()


def test_recall_fix_side_and_discrimination_are_counted_per_case(tmp_path):
    for name in ("python-89-a", "python-89-b", "go-89-c"):
        _case(tmp_path, name, VULNERABLE, FIXED, language=name.split("-")[0])
    cases = load_realworld(tmp_path)
    intro = SideResult(frozenset({"python-89-a", "python-89-b"}), frozenset({"python-89-a"}), {})
    fix = SideResult(frozenset({"python-89-b"}), frozenset(), {})
    run = _score("static", cases, intro, fix)
    overall = run.any.overall.as_dict()
    assert overall == {"cases": 3, "recall": 0.6667, "fix_fp_rate": 0.3333, "discrimination": 0.3333}
    assert run.inline.overall.as_dict()["discrimination"] == 0.3333
    assert run.any.by_language["python"].as_dict()["recall"] == 1.0
    assert run.any.by_language["go"].as_dict()["recall"] == 0.0


# Measured on tests/realworld/dev (267 cases, 149 Python), static analysis only; see
# tests/realworld/README.md. (scope, way of counting) -> (recall floor, fix-side false-positive
# ceiling, discrimination floor). A floor moves down only with a reason in the commit message.
FLOORS = {
    # 25 ReDoS cases added (7 Python, 18 JS; 2026-12-07 14:05): dev 292 cases, 156 Python, 76 JS. The
    # overall, Python and JS entries re-pinned to the counts they stood for plus what the 25 give with
    # the ReDoS analysis of that afternoon (a run of the 25 alone, no engine failure); old and new in
    # the commit message.
    # re-pinned with the 25 Python denial-of-service cases and the resource-limit checks (issue 9):
    # Python measured (remediator eval --language python); the other languages' cases give the same
    # diff-level findings before and after (checked case by case), so overall = their earlier floors
    # plus the Python run. Measured with f5528c3 in (python-78-gnupg flagged on neither side), which
    # settles the recall floors that commit left failing.
    # Re-pinned with 24 Python access-control cases added (helper authz; dev 292 -> 316 cases, Python
    # 156 -> 180). Figures: the counts the floors just above imply (Python 101 / 1 / 101 any, 89 / 1 / 89
    # inline, 127 / 1 / 127 reported of 156; overall 164 / 3 / 163, 138 / 3 / 137, 204 / 3 / 203 of 292)
    # plus this work's run on the access cases (24 new: 13 / 0 / 13 any and inline, 22 / 0 / 22
    # reported; two earlier cases, alerta and modoboa's logout, now reported). Before: overall any
    # (0.5616, 0.0103, 0.5582), inline (0.4726, 0.0103, 0.4691), reported (0.6986, 0.0103, 0.6952);
    # Python any (0.6474, 0.0065, 0.6474), inline (0.5705, 0.0065, 0.5705), reported (0.8141, 0.0065,
    # 0.8141). Recall floors move down only because the new cases are harder; no fix side added.
    # Re-pinned with 11 real fixes that rewrite a control (4 Python, 7 JS; dev 316 -> 327, Python 184,
    # JS 83), the same way: the counts above plus a run of the 11 alone at e7a8ef2 (no engine failure):
    # any 3 / 2 / 3, inline 3 / 1 / 3, reported 6 / 2 / 4 (Python 1 / 2 / 1, 1 / 1 / 1, 3 / 2 / 1). The
    # two fix-side flags are other analyses' false positives on real fixes (petl: bandit B314, low;
    # django-two-factor-auth: the flow's open redirect, high), kept to pin them.
    # Re-pinned with 5 Java/Go real fixes (helper java-go; dev 328 -> 333 cases, Java 10 -> 14, Go
    # 10 -> 11) the same way: the counts the floors above imply on 328 (any >= 181 / <= 5 / >= 180,
    # inline >= 155 / <= 4 / >= 154) plus a run of the five at 8e4adc7 (any and inline 1 / 0 / 1: the
    # loop rule on json-smart; reported 4 / 0 / 4, the other three diff-level). Before: overall any
    # (0.5504, 0.0153, 0.5474), inline (0.4709, 0.0123, 0.4678); go any and inline (0.3, 0.0, 0.3).
    # Re-pinned with 17 ReDoS cases (16 JS, 1 Python; helper redos-recall; JS 84 -> 100, Python 184 ->
    # 185): remediator eval of dev at ad8f854 (343 cases), the 2 cases added after it counted from
    # find_redos alone (negotiator flagged medium, glob-parent 6.0.1 missed, no fixing side), and the
    # 5 Java/Go cases landed meanwhile counted as missed (overall only). Old -> new: overall any
    # (0.5465, 0.0153, 0.5435) -> (0.6085, 0.0115, 0.6057), inline (0.4684, 0.0123, 0.4654) ->
    # (0.4885, 0.0086, 0.4857), reported (0.7155, 0.0153, 0.7064) -> (0.7771, 0.0115, 0.7685); Python any
    # (0.625, 0.0164, 0.625) -> (0.6486, 0.0163, 0.6486), inline (0.5597, 0.0109, 0.5597) -> (0.5783,
    # 0.0109, 0.5783), reported (0.8369, 0.0164, 0.826) -> (0.8594, 0.0163, 0.8486); JS any (0.5595,
    # 0.0119, 0.5476) -> (0.64, 0.01, 0.63), inline (0.3929, 0.0119, 0.381) -> (0.4, 0.01, 0.39),
    # reported (0.7381, 0.0119, 0.7262) -> (0.79, 0.01, 0.78).
    # Re-pinned with 8 path-traversal and exposure cases (helper path-exposure; dev 350 -> 358, Python
    # 185 -> 187, JS 100 -> 106): the counts the floors above imply on 350 / 185 / 100 plus what this
    # work adds on the 328 cases it measured (base 0f79fd0 -> its commit): any +7 / 0 / +7, inline +6 /
    # 0 / +6, reported +10 / 0 / +10 (Python +2, +2, +3; JS +5, +4, +7); every new case flagged on its
    # introducing side only. Fix-side ceilings of overall any/reported and JS any/reported set to what
    # test_realworld -k dev measured on this branch (5 of 358, 2 of 106): glob-parent's fixing change
    # gets diff-removed-validation (low) with main's code too, which the ReDoS re-pin did not count.
    # Old -> new: overall any (0.6085, 0.0115, 0.6057) -> (0.6144, 0.014, 0.6117), inline (0.4885,
    # 0.0086, 0.4857) -> (0.4943, 0.0085, 0.4916), reported (0.7771, 0.0115, 0.7685) -> (0.7876, 0.014,
    # 0.7792); Python any (0.6486, 0.0163, 0.6486) -> (0.6523, 0.0162, 0.6523), inline (0.5783, 0.0109,
    # 0.5783) -> (0.5828, 0.0108, 0.5828), reported (0.8594, 0.0163, 0.8486) -> (0.8662, 0.0162, 0.8555);
    # JS any (0.64, 0.01, 0.63) -> (0.6509, 0.0189, 0.6415), inline (0.4, 0.01, 0.39) -> (0.415, 0.0095,
    # 0.4056), reported (0.79, 0.01, 0.78) -> (0.8113, 0.0189, 0.8018).
    # Re-pinned with 19 C cases from Debian security patches (helper c-memory; jq, libpng, nginx,
    # libtiff; dev 358 -> 377, C 20 -> 39) and the C readers of this branch (bot.analysis.c_guards,
    # c-widening-cast-dropped, c-null-test-dropped), the same way: the counts the floors above imply on
    # 358 (any 220 / 5 / 219, inline 177 / 3 / 176, reported 282 / 5 / 279) plus the C run of this
    # branch (remediator eval --language c, 39 cases): the 19 new cases any and inline 8 / 0 / 8,
    # reported 13 / 0 / 13; the 20 earlier ones any 9 as before, reported 9 -> 12 (three diff- findings
    # beside deleted lines). Old -> new: overall any (0.6144, 0.014, 0.6117) -> (0.6047, 0.0133,
    # 0.6021), inline (0.4943, 0.0085, 0.4916) -> (0.4907, 0.008, 0.488), reported (0.7876, 0.014,
    # 0.7792) -> (0.7904, 0.0133, 0.7824); C any and inline (0.45, 0.0, 0.45) of 20 -> (0.4359, 0.0,
    # 0.4359) of 39, new row C reported (0.641, 0.0, 0.641).
    # Re-pinned with 7 XSS / code-injection cases added (helper xss-inject; dev 377 -> 384, Python
    # 187 -> 190, JS 106 -> 110): the counts the floors just above implied plus a run of the 7 alone on
    # main 60ae16a (serve-index and thenify flagged on the introducing side only, the rest on neither).
    # Old: overall any (0.6047, 0.0133, 0.6021), inline (0.4907, 0.008, 0.488), reported (0.7904,
    # 0.0133, 0.7824); Python any (0.6523, 0.0162, 0.6523), inline (0.5828, 0.0108, 0.5828), reported
    # (0.8662, 0.0162, 0.8555); JS any (0.6509, 0.0189, 0.6415), inline (0.415, 0.0095, 0.4056),
    # reported (0.8113, 0.0189, 0.8018). Recall floors move down only because the new cases are harder.
    # Re-pinned with 3 function-level injection cases added (helper pyflow; dev 384 -> 387, Python
    # 190 -> 193): django jsonb KeyTransform (CVE-2019-14234), django GIS Oracle tolerance
    # (CVE-2020-9402), Twisted vhost NoResource (CVE-2022-39348); each flagged on the introducing side
    # only, in every count, by this branch (none on main). The counts the floors above implied (overall
    # any 232/4/231, inline 188/3/187, reported 306/4/303; Python any 123/3/123, inline 110/2/110,
    # reported 163/3/161) plus 3/0/3. Old: overall any (0.6042, 0.0104, 0.6016), inline (0.4896,
    # 0.0078, 0.487), reported (0.7969, 0.0104, 0.7891); Python any (0.6474, 0.0158, 0.6474), inline
    # (0.5789, 0.0105, 0.5789), reported (0.8579, 0.0158, 0.8474).
    ("overall", "any"): (0.6305, 0.0026, 0.6279),
    ("overall", "inline"): (0.5168, 0.0026, 0.5142),
    ("python", "any"): (0.6684, 0.0052, 0.6632),
    ("python", "inline"): (0.5959, 0.0052, 0.5907),
    # Go and Java measured (--language java --language go at 8e4adc7): Go 3 / 0 / 3 of 11 any and
    # inline, 5 / 0 / 5 reported; Java 5 / 0 / 5 of 14 any and inline, 10 / 0 / 10 reported (new rows)
    ("go", "any"): (0.4545, 0.0, 0.4545),
    ("go", "inline"): (0.4545, 0.0, 0.4545),
    ("go", "reported"): (0.6364, 0.0, 0.6364),
    ("java", "any"): (0.4286, 0.0, 0.4286),
    ("java", "inline"): (0.3571, 0.0, 0.3571),
    ("java", "reported"): (0.9286, 0.0, 0.9286),
    # JavaScript re-pinned with ee5f833's checks and the mpath case (84 cases, measured --language
    # javascript; the same 84 without ee5f833: any 0.4762/0.0119/0.4643, inline 0.3333/0.0119/0.3214,
    # reported 0.5952/0.0119/0.5833; old floors any 0.4457/0.0241/0.4337, inline 0.3253/0.0241/0.3132)
    ("javascript", "any"): (0.6636, 0.0, 0.6636),
    ("javascript", "inline"): (0.4455, 0.0, 0.4455),
    ("ruby", "any"): (0.6667, 0.0, 0.6667),  # bot.analysis.ruby_diff (issue 9): 10 of 18, no fix side
    ("ruby", "inline"): (0.3889, 0.0, 0.3889),
    ("c", "any"): (0.4359, 0.0, 0.4359),  # c_diff + c_guards (issue 9): 17 of 39, none on the fix side
    ("c", "inline"): (0.4359, 0.0, 0.4359),
    ("c", "reported"): (0.641, 0.0, 0.641),  # 25 of 39: c_guards' diff- findings beside deleted lines
    # what the review reports: also a diff-level finding beside lines the change only deletes (4ffe369)
    ("overall", "reported"): (0.8217, 0.0026, 0.8191),
    ("python", "reported"): (0.8756, 0.0052, 0.8705),
    ("javascript", "reported"): (0.8, 0.0, 0.8),  # 106 cases with the path/exposure ones
}


def _settings() -> Settings:
    """The defaults, except the analyzer timeout, which the README's REMEDIATOR_ANALYZER_TIMEOUT sets as it
    does for `remediator eval`: each side of a set is one review, and a slow or loaded machine may need more
    than the default 600 s for it (a run cut by the timeout fails on its ``failures``, never silently)."""
    raw = os.environ.get("REMEDIATOR_ANALYZER_TIMEOUT", "")
    return replace(Settings(), analyzer_timeout=int(raw)) if raw.strip() else Settings()


@pytest.fixture(scope="module")
def dev_run():
    (run,) = evaluate_realworld(DEV, _settings())
    return run


def test_the_dev_set_is_real_and_large():
    cases = load_realworld(DEV)
    assert len(cases) >= 267
    assert len({c.language for c in cases}) >= 6
    assert sum(c.language == "python" for c in cases) >= 149


@pytest.mark.slow
@pytest.mark.parametrize(("scope", "mode"), sorted(FLOORS))
def test_dev_figures_meet_their_floors(dev_run, scope, mode):
    scores = getattr(dev_run, mode)
    tally = scores.overall if scope == "overall" else scores.by_language[scope]
    figures = tally.as_dict()
    recall, fix_side, discrimination = FLOORS[(scope, mode)]
    assert figures["recall"] >= recall, figures
    assert figures["fix_fp_rate"] <= fix_side, figures
    assert figures["discrimination"] >= discrimination, figures
    assert dev_run.failures == []


GUARDED = """\
import os


def read_upload(base, name):
    path = os.path.realpath(os.path.join(base, name))
    if not path.startswith(os.path.realpath(base) + os.sep):
        raise ValueError("outside the upload directory")
    with open(path) as fh:
        return fh.read()
"""
UNGUARDED = "".join(
    line for line in GUARDED.splitlines(keepends=True) if "startswith" not in line and "raise" not in line
)


@pytest.mark.slow
def test_a_deleted_check_counts_only_where_the_review_reports_it(tmp_path):
    # the introducing change only deletes lines: its finding is in the review's summary, on no added line
    _case(tmp_path, "python-22-upload", UNGUARDED, GUARDED)
    (run,) = evaluate_realworld(tmp_path, Settings())
    assert run.any.overall.recall == 0
    assert run.reported.overall.as_dict() == {
        "cases": 1,
        "recall": 1.0,
        "fix_fp_rate": 0.0,
        "discrimination": 1.0,
    }
    assert any("beside deleted lines" in f for f in run.per_case["python-22-upload"]["introducing"])
    assert run.as_dict()["reported"]["overall"]["recall"] == 1.0


@pytest.mark.slow
def test_the_simplest_case_is_discriminated(tmp_path):
    _case(tmp_path, "python-89-invoices", VULNERABLE, FIXED)
    (run,) = evaluate_realworld(tmp_path, Settings())
    assert run.inline.overall.discriminated == 1, run.per_case


# Measured on tests/realworld/blind (115 cases gathered blind, 58 Python), static analysis only: the
# first measured run of the grown set (83 earlier cases plus 32 added by a collector who never read the
# rules, main at 41e8340; see tests/realworld/blind/README.md). Same shape and rule as FLOORS.
BLIND = DEV.parent / "blind"
BLIND_FLOORS = {
    # the end run of 2026-12-07's fifth session (main at 890951f, aggregates only read). The fix-side
    # ceilings went DOWN from the 289c4ae run (reported 0.087 -> 0.0609) with bot.analysis.preexisting
    # (f5528c3) and the removed-control rewrite rules (72cef78); the inline recall floor the f5528c3
    # run left failing (0.2522 against 0.2435) is met again (0.2609), so no floor moved down. The
    # overall INLINE fix-side ceiling RAISED, on purpose and measured, 0.0348 -> 0.0435 (4 -> 5 of 115):
    # the new JavaScript rule diff-removed-slashes (ee5f833) flags one fixing change here (counted by
    # rule id, the case not read), and flags the introducing side of two cases.
    # Issue 9's 5% fix-side target is still not met on this set (6.1% reported).
    ("overall", "any"): (0.3652, 0.0609, 0.3565),
    ("overall", "inline"): (0.313, 0.0522, 0.313),
    ("overall", "reported"): (0.5391, 0.0696, 0.5043),
    ("python", "any"): (0.4138, 0.069, 0.3966),
    ("python", "inline"): (0.3448, 0.0517, 0.3448),
    ("python", "reported"): (0.5517, 0.0862, 0.5),
}


# Measured on tests/realworld/blind2 (52 cases gathered blind on 2026-12-07, 30 Python), static analysis
# only: the first measured run, main at 10b26ee before anyone saw the cases (see
# tests/realworld/blind2/README.md). Same shape and rule as FLOORS.
BLIND2 = DEV.parent / "blind2"
BLIND2_FLOORS = {  # the end run of 2026-12-07's fifth session (890951f); first run (10b26ee) in its README
    ("overall", "any"): (0.3077, 0.0192, 0.3077),
    ("overall", "inline"): (0.1923, 0.0, 0.1923),
    ("overall", "reported"): (0.5192, 0.0192, 0.5),
    ("python", "any"): (0.3667, 0.0333, 0.3667),
    ("python", "inline"): (0.3333, 0.0, 0.3333),
    ("python", "reported"): (0.5667, 0.0333, 0.5333),
}


# Measured on tests/realworld/blind3 (61 cases gathered blind on 2026-12-07, 29 Python, by a collector
# who never read the rules): the first measured run, main at 21edc61, before anyone saw the cases (see
# tests/realworld/blind3/README.md; main at d291ff4, the start of that session, gave the same figures).
# 24 of its cases share an advisory with dev (the same flaws), so these floors guard against regressions,
# not blind performance; blind3/README.md gives the figures of the 18 cases new to every set.
BLIND3 = DEV.parent / "blind3"
BLIND3_FLOORS = {
    # the end run of 2026-12-07's fifth session (890951f; the first, 21edc61, is in its README). The
    # overall fix-side ceiling RAISED, on purpose and measured, 0.0328 -> 0.0492 (2 -> 3 of 61 fixing
    # changes): the new JavaScript removed-control rule diff-removed-slashes (ee5f833) flags one fixing
    # change (counted by rule id, the case not read); the rule finds four dev introducing changes and no
    # dev fixing change. One Python fixing change fewer is flagged (bot.analysis.preexisting, f5528c3).
    ("overall", "any"): (0.3934, 0.0492, 0.3607),
    ("overall", "inline"): (0.3115, 0.0492, 0.2787),
    ("overall", "reported"): (0.5738, 0.0492, 0.5246),
    ("python", "any"): (0.3448, 0.0345, 0.3103),
    ("python", "inline"): (0.2759, 0.0345, 0.2414),
    ("python", "reported"): (0.5517, 0.0345, 0.5172),
}


# Measured on tests/realworld/blind4 (99 cases gathered blind on 2026-12-07, 60 Python, by a collector
# who never read the rules; no advisory, (project, file) or fixed release shared with any other set).
# Its first measured run (main at 9e89a73, before any change of that session landed) is in its README:
# reported 30.3 / 6.1 / 28.3 overall, Python 40.0 / 3.3 / 38.3. These floors are the run at 289c4ae,
# after that session's detection work, which no one tuned on this set: one more fixing change is flagged
# (a code-injection fix, by per-sink validation, ec288b0), one more vulnerable change overall.
BLIND4 = DEV.parent / "blind4"
BLIND4_FLOORS = {  # the end run of 2026-12-07's fifth session (890951f): floors up, ceilings down
    ("overall", "any"): (0.3636, 0.0606, 0.3535),
    ("overall", "inline"): (0.1919, 0.0, 0.1919),
    ("overall", "reported"): (0.4848, 0.0606, 0.4646),
    ("python", "any"): (0.3667, 0.05, 0.3667),
    ("python", "inline"): (0.2167, 0.0, 0.2167),
    ("python", "reported"): (0.5333, 0.05, 0.5167),
}

# Measured on tests/realworld/blind5 (101 cases gathered blind on 2026-12-07, 66 Python, by a collector who
# never read the rules; no advisory, (project, file) or fixed release shared with any other set). Its
# first measured run, on main as it stood before that session's detection work (fbdcf9d), is in its
# README: reported 32.7 / 2.0 / 31.7 overall, Python 36.4 / 1.5 / 34.8. These floors are the end run
# of that session (main at 1128949; the later commits add dev cases and floors only), no one tuned on it.
BLIND5 = DEV.parent / "blind5"
BLIND5_FLOORS = {
    ("overall", "any"): (0.297, 0.0099, 0.297),
    ("overall", "inline"): (0.2376, 0.0099, 0.2376),
    ("overall", "reported"): (0.396, 0.0099, 0.396),
    ("python", "any"): (0.3485, 0.0152, 0.3485),
    ("python", "inline"): (0.303, 0.0152, 0.303),
    ("python", "reported"): (0.4242, 0.0152, 0.4242),
}

# Measured on tests/realworld/blind6 (70 function-level pairs gathered blind on 2026-12-07, 44 Python, 21
# JavaScript, 5 C: each side holds only the function(s) the fix changed, the shape of issue 9's held-out
# evaluation). Its first measured run is in its README: main at e15103dc, reported 48.6 / 7.1 / 45.7 overall,
# Python 50.0 / 6.8 / 45.5 (the session's starting commit 23a142d gave 40.0 and 36.4 discrimination). These
# floors are the end run of that session (main at 449bab8e), the same figures: no one tuned on the set.
BLIND6 = DEV.parent / "blind6"
BLIND6_FLOORS = {
    ("overall", "any"): (0.4, 0.0714, 0.3714),
    ("overall", "inline"): (0.2714, 0.0714, 0.2429),
    ("overall", "reported"): (0.4857, 0.0714, 0.4571),
    ("python", "any"): (0.3864, 0.0682, 0.3409),
    ("python", "inline"): (0.2955, 0.0682, 0.25),
    ("python", "reported"): (0.5, 0.0682, 0.4545),
}

# Every blind floor above was re-pinned to the end run of 2026-12-07's seventh session (main at 449bab8e,
# blind's at 999380b3; aggregates only read): floors up everywhere. Fix-side ceilings RAISED, on purpose and
# measured, where a rule of that session flags a fixing change (counted by rule id against the session's
# starting commit 23a142d, the cases not read): blind 7 -> 8 of 115 (flow-python-sql-injection), blind2
# 0 -> 1 of 52 (diff-narrowed-condition), blind4 5 -> 6 of 99 (diff-removed-guard). The same rules and the
# rest of that session's work discriminate 3, 2 and 6 more cases there, and no case discriminated at the
# start lost it. Issue 9's 5% fix-side target is not met on blind (7.0%), blind4 (6.1%) or blind6 (7.1%).
# set -> (directory, floors, cases overall, Python cases)
BLIND_SETS = {
    "blind": (BLIND, BLIND_FLOORS, 115, 58),
    "blind2": (BLIND2, BLIND2_FLOORS, 52, 30),
    "blind3": (BLIND3, BLIND3_FLOORS, 61, 29),
    "blind4": (BLIND4, BLIND4_FLOORS, 99, 60),
    "blind5": (BLIND5, BLIND5_FLOORS, 101, 66),
    "blind6": (BLIND6, BLIND6_FLOORS, 70, 44),
}


@pytest.fixture(scope="module")
def blind_runs():
    """Each blind set evaluated once for the module, when a test first asks for it."""
    runs: dict[str, object] = {}

    def run(name: str):
        if name not in runs:
            (runs[name],) = evaluate_realworld(BLIND_SETS[name][0], _settings())
        return runs[name]

    return run


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "scope", "mode"),
    [(name, *key) for name, (_, floors, _, _) in BLIND_SETS.items() for key in sorted(floors)],
)
def test_blind_figures_meet_their_floors(blind_runs, name, scope, mode):
    run = blind_runs(name)
    _, floors, cases, python_cases = BLIND_SETS[name]
    scores = getattr(run, mode)
    tally = scores.overall if scope == "overall" else scores.by_language[scope]
    figures = tally.as_dict()
    recall, fix_side, discrimination = floors[(scope, mode)]
    assert figures["cases"] == (cases if scope == "overall" else python_cases)
    assert figures["recall"] >= recall, figures
    assert figures["fix_fp_rate"] <= fix_side, figures
    assert figures["discrimination"] >= discrimination, figures
    assert run.failures == []
