"""The LLM pass against a local OpenAI-compatible server, through the real openai client."""

from __future__ import annotations

import json
import re

import pytest

from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.llm.prompting import load_prompts
from bot.llm.store import MemoryLLMStore, SqliteLLMStore
from bot.llm.types import ReviewContext
from tests.integration.llm_support import Sleeps, llm_settings, run
from tests.sim.openai_server import EXPLOITABLE, NO_FINDINGS, FakeOpenAI, Recorded, Reply, chat, error

BASE = """from flask import Flask, abort, request

from app.db import db

app = Flask(__name__)


def current_user():
    return request.environ.get("user")


@app.get("/orders/<int:order_id>")
def get_order(order_id):
    user = current_user()
    order = db.orders.get(order_id)
    if order.owner_id != user.id:
        abort(403)
    return order.to_json()
"""
DELETE = """

@app.delete("/orders/<int:order_id>")
def delete_order(order_id):
    order = db.orders.get(order_id)
    db.orders.delete(order)
    return "", 204
"""
BEFORE = {"app/orders.py": BASE}
AFTER = {"app/orders.py": BASE + DELETE}


def line_of(text: str, snippet: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if snippet in line)


DELETE_LINE = line_of(BASE + DELETE, "db.orders.delete(order)")
IDOR = {
    "category": "other",
    "title": "Missing authorisation on order deletion",
    "severity": "high",
    "confidence": "high",
    "start_line": DELETE_LINE,
    "end_line": DELETE_LINE,
    "message": "Any user can delete any order: the owner is never checked.",
}


def responder(detect: object, verify: object = EXPLOITABLE):
    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            return chat(detect, prompt_tokens=400, completion_tokens=60)
        return chat(verify, prompt_tokens=900, completion_tokens=120)

    return respond


def test_happy_path_finds_an_llm_only_flaw_with_provenance(tmp_path):
    fixed = {
        **EXPLOITABLE,
        "replacement": "    if order.owner_id != current_user().id:\n        abort(403)\n"
        "    db.orders.delete(order)",
    }
    with FakeOpenAI(responder({"findings": [IDOR]}, fixed)) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert out.ran
    (f,) = out.findings
    assert (f.engine, f.category, f.start_line, f.severity) == ("llm", "other", DELETE_LINE, Severity.HIGH)
    assert "LLM review only" in f.message and f.provenance.corroborated_by == ()
    assert f.provenance.model == "test-model"
    assert f.provenance.prompt_version == load_prompts().version
    assert re.fullmatch(r"[0-9a-f]{12}", f.provenance.config_hash)
    assert f.remediation == ("Fix it.",) and f.replacement is not None
    assert [r.kind for r in server.requests] == ["detection", "verification"]
    for req in server.requests:
        assert req.path == "/v1/chat/completions"
        assert "tools" not in req.body and "functions" not in req.body
        assert req.body["response_format"]["type"] == "json_schema"
        assert req.headers["authorization"] == "Bearer sk-test-key-0123456789abcdefghij"
    detect = server.of_kind("detection")[0]
    boundary = re.search(r"UNTRUSTED-([0-9a-f]{24})", detect.system).group(1)
    assert f"<<<UNTRUSTED-{boundary} kind=code>>>" in detect.user
    assert f"{DELETE_LINE:>5} + " in detect.user  # added lines are marked
    # the file's imports go along; current_user() is defined in the file but the new hunk never
    # calls it, so its body stays out (only definitions the hunk calls are context)
    assert "from app.db import db" in detect.user
    assert "def current_user" not in detect.user
    other = re.search(r"UNTRUSTED-([0-9a-f]{24})", server.of_kind("verification")[0].system).group(1)
    assert other != boundary  # a fresh boundary per request
    assert any("LLM review with test-model" in n for n in out.notes)
    assert out.coverage["app/orders.py"] == ("LLM (test-model)", "")
    assert out.usage.prompt_tokens == 1300 and out.usage.completion_tokens == 180


def test_context_holds_imports_and_enclosing_function_not_the_whole_file(tmp_path):
    with FakeOpenAI() as server:
        run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    (detect,) = server.of_kind("detection")
    assert "from flask import Flask, abort, request" in detect.user
    assert "def delete_order(order_id):" in detect.user
    assert "def get_order" not in detect.user  # unrelated function left out


def test_schema_violating_output_is_retried_once_then_dropped_and_counted(tmp_path):
    with FakeOpenAI() as server:
        server.script(chat("Sure! Here are the findings: none"), chat({"findings": "none"}))
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert len(server.of_kind("detection")) == 2
    assert out.findings == [] and out.usage.dropped_malformed == 1
    assert any("1 malformed answer(s)" in n for n in out.notes)
    assert out.coverage["app/orders.py"][1].startswith("LLM: 1 of 1 hunk context(s) not reviewed")


def test_a_malformed_answer_then_a_valid_one_keeps_the_finding(tmp_path):
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        server.script(chat("{not json"))
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert [f.start_line for f in out.findings] == [DELETE_LINE]
    assert out.usage.dropped_malformed == 0


def test_an_answer_breaking_a_length_bound_is_malformed_retried_and_counted(tmp_path):
    # the model is sent the schema without the bounds strict output rejects; the answer still has
    # to keep them, and one that does not is counted like any other malformed answer
    long_title = {**IDOR, "title": "x" * 121}
    with FakeOpenAI() as server:
        server.script(chat({"findings": [long_title]}), chat({"findings": [long_title]}))
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    sent = server.of_kind("detection")
    assert len(sent) == 2
    title = sent[0].body["response_format"]["json_schema"]["schema"]["properties"]["findings"]["items"]
    assert "maxLength" not in title["properties"]["title"]
    assert out.findings == [] and out.usage.dropped_malformed == 1
    assert any("1 malformed answer(s)" in n for n in out.notes)


def test_findings_outside_the_change_are_dropped_and_counted(tmp_path):
    outside = {**IDOR, "start_line": line_of(BASE, "abort(403)"), "end_line": line_of(BASE, "abort(403)")}
    with FakeOpenAI(
        responder({"findings": [outside, {**IDOR, "start_line": 999, "end_line": 999}]})
    ) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert out.findings == []
    assert out.usage.dropped_outside_change == 2
    assert server.of_kind("verification") == []  # never verified, never sent on
    assert any("2 pointing outside the change" in n for n in out.notes)


def test_excluded_noise_classes_are_dropped_unless_the_repo_keeps_them(tmp_path):
    dos = {**IDOR, "category": "denial-of-service", "title": "Unbounded delete"}
    with FakeOpenAI(responder({"findings": [dos]})) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
        kept = run(
            llm_settings(server.url, tmp_path),
            BEFORE,
            AFTER,
            context=ReviewContext(repo="acme/shop", llm_exclude=("rate-limiting",)),
        )
    assert out.findings == [] and out.usage.dropped_excluded == 1
    assert [f.category for f in kept.findings] == ["other"]


def test_verifier_rejection_drops_an_llm_only_candidate(tmp_path):
    no = {**EXPLOITABLE, "verdict": "not_exploitable", "reason": "admin-only route"}
    with FakeOpenAI(responder({"findings": [IDOR]}, no)) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert out.findings == []


def test_timeouts_degrade_to_static_with_a_note(tmp_path):
    static = _static_finding()
    sleeps = Sleeps()
    with FakeOpenAI(lambda req: chat(NO_FINDINGS, delay=1.5)) as server:
        out = run(
            llm_settings(server.url, tmp_path, llm_timeout=0.2),
            BEFORE,
            AFTER,
            findings=[static],
            sleeps=sleeps,
        )
    assert out.findings == [static] and not out.ran
    assert len(server.requests) == 4 and sleeps.waits == [1.0, 2.0, 4.0]
    assert any("could not complete" in n and "timed out" in n for n in out.notes)


def test_429_honours_retry_after_without_sleeping(tmp_path):
    sleeps = Sleeps()
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        server.script(
            error(429, "slow down", {"Retry-After": "7"}), error(429, "slow down", {"retry-after-ms": "250"})
        )
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER, sleeps=sleeps)
    assert sleeps.waits == [7.0, 0.25]
    assert [f.start_line for f in out.findings] == [DELETE_LINE]


def test_500s_are_retried_with_backoff_then_degrade(tmp_path):
    sleeps = Sleeps()
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        # the first answer proves the format; a 5xx before that is taken as a refusal of the format
        server.script(chat({"findings": [IDOR]}), error(500), error(503))
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER, sleeps=sleeps)
    assert sleeps.waits == [1.0, 2.0] and len(out.findings) == 1
    assert {r.body["response_format"]["type"] for r in server.requests} == {"json_schema"}
    with FakeOpenAI(lambda req: error(502, "bad gateway")) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER, findings=[_static_finding()])
    assert [f.engine for f in out.findings] == ["semgrep"]
    assert any("HTTP 502" in n for n in out.notes)


def test_refused_credentials_are_reported_without_the_key(tmp_path):
    with FakeOpenAI(
        lambda req: error(401, "Incorrect API key provided: sk-test-key-0123456789abcdefghij")
    ) as s:
        out = run(llm_settings(s.url, tmp_path), BEFORE, AFTER)
    text = " ".join(out.notes)
    assert "HTTP 401" in text and "OPENAI_API_KEY" in text
    assert "sk-test-key" not in text and len(s.requests) == 1


def test_json_schema_refused_falls_back_to_json_object_with_the_schema(tmp_path):
    def respond(req: Recorded) -> Reply:
        if req.body["response_format"]["type"] == "json_schema":
            return error(400, "response_format json_schema is not supported by this model")
        return responder({"findings": [IDOR]})(req)

    with FakeOpenAI(respond) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert [f.start_line for f in out.findings] == [DELETE_LINE]
    formats = [r.body["response_format"]["type"] for r in server.requests]
    assert formats[0] == "json_schema" and formats.count("json_schema") == 1  # refused once, not again
    last = server.requests[-1]
    assert last.body["response_format"]["type"] == "json_object"
    assert last.body["response_format"]["schema"]["type"] == "object"
    assert '"verdict"' in last.body["messages"][-1]["content"]  # the schema travels in the prompt too


def test_a_llama_cpp_server_answering_500_to_json_schema_gets_json_object_with_a_schema(tmp_path):
    """llama.cpp's servers answer ``json_schema`` with HTTP 500 and take ``json_object`` + ``schema``."""

    def respond(req: Recorded) -> Reply:
        fmt = req.body["response_format"]
        if fmt["type"] == "json_schema":
            return error(500, "Internal Server Error")
        assert fmt["type"] == "json_object" and "schema" in fmt
        return responder({"findings": [IDOR]})(req)

    with FakeOpenAI(respond) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert [f.start_line for f in out.findings] == [DELETE_LINE]
    assert not any("LLM" in n and "could not" in n for n in out.notes)
    assert sum(r.body["response_format"]["type"] == "json_schema" for r in server.requests) == 1


def test_a_server_refusing_every_schema_gets_a_bare_json_object(tmp_path):
    def respond(req: Recorded) -> Reply:
        if "schema" in json.dumps(req.body["response_format"]):
            return error(400, "unsupported response_format")
        return responder({"findings": [IDOR]})(req)

    with FakeOpenAI(respond) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert [f.start_line for f in out.findings] == [DELETE_LINE]
    assert server.requests[-1].body["response_format"] == {"type": "json_object"}


def test_review_budget_cuts_the_pass_short_with_a_note(tmp_path):
    big_before = {f"app/m{i}.py": BASE for i in range(6)}
    big_after = {f"app/m{i}.py": BASE + DELETE for i in range(6)}
    with FakeOpenAI() as server:
        out = run(llm_settings(server.url, tmp_path, llm_review_tokens=5000), big_before, big_after)
    sent = len(server.of_kind("detection"))
    assert 0 < sent < 6
    assert any("budget cut this review short" in n and "review's token budget" in n for n in out.notes)
    skipped = [p for p, (_, detail) in out.coverage.items() if "budget reached" in detail]
    assert len(skipped) == 6 - sent


def test_monthly_budget_is_persisted_per_repo_and_stops_sending(tmp_path):
    store = SqliteLLMStore(tmp_path / "llm.sqlite3")
    settings = llm_settings(None, tmp_path)
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        # 100 tokens are left after the first review: less than a prompt and a useful answer
        settings = llm_settings(server.url, tmp_path, llm_monthly_tokens=1580)
        first = run(settings, BEFORE, AFTER, store=store)
        assert first.ran and store.month_usage("acme/shop", "2025-06") == (1480, pytest.approx(0.0, abs=0.01))
        second = run(settings, {"app/x.py": BASE}, {"app/x.py": BASE + DELETE + "\n# more\n"}, store=store)
    assert len(server.requests) == 2  # nothing sent the second time
    # the verification's answer was capped by what the month had left after the detection (460 used)
    verify = server.of_kind("verification")[0].body
    assert verify["max_tokens"] < 900
    assert verify["max_tokens"] <= 1580 - 460 - 128
    assert any("monthly token budget" in n for n in second.notes)
    assert SqliteLLMStore(tmp_path / "llm.sqlite3").month_usage("acme/shop", "2025-06")[0] == 1480


def test_money_budget_uses_the_price_table(tmp_path):
    prices = (("test-model", 1000.0, 1000.0),)  # 1000 per million tokens: 1.48 for the first review
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        settings = llm_settings(server.url, tmp_path, llm_prices=prices, llm_monthly_cost=1.58)
        store = MemoryLLMStore()
        first = run(settings, BEFORE, AFTER, store=store)
        second = run(settings, {"app/x.py": BASE}, {"app/x.py": BASE + DELETE}, store=store)
    assert first.usage.cost == pytest.approx(1.48)
    assert second.usage.requests == 0
    assert any("monthly spending budget" in n for n in second.notes)


def test_a_repush_changing_one_hunk_resends_only_that_hunk(tmp_path):
    funcs = "".join(
        f'\n\n@app.post("/items/{i}")\ndef item_{i}():\n'
        '    value = request.form["v"]\n    return str(value)\n'
        for i in range(5)
    )
    first_after = {"app/orders.py": BASE + funcs}
    second_funcs = funcs.replace(
        'def item_0():\n    value = request.form["v"]',
        'def item_0():\n    value = request.form["v"]\n    log(value)',
    )
    second_after = {"app/orders.py": BASE + second_funcs}
    item4 = line_of(BASE + funcs, "def item_4") + 1

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection" and "def item_4" in req.user:
            return chat({"findings": [{**IDOR, "start_line": item4, "end_line": item4}]}, prompt_tokens=300)
        return responder(NO_FINDINGS)(req)

    store = MemoryLLMStore()
    with FakeOpenAI(respond) as server:
        first = run(llm_settings(server.url, tmp_path), BEFORE, first_after, store=store)
        n_first = len(server.requests)
        second = run(llm_settings(server.url, tmp_path), BEFORE, second_after, store=store)
        resent = server.requests[n_first:]
    assert n_first == 6  # five chunks + one verification
    assert [r.kind for r in resent] == ["detection"] and "def item_0" in resent[0].user
    assert second.usage.cached == 5
    # the cached finding moved down one line with its code
    assert [f.start_line for f in first.findings] == [item4]
    assert [f.start_line for f in second.findings] == [item4 + 1]


def test_static_findings_get_explanation_and_a_fix_from_the_verifier(tmp_path):
    static = _static_finding(explanation="", remediation=())
    fix = {**EXPLOITABLE, "replacement": "    order = db.orders.get(int(order_id))"}
    with FakeOpenAI(responder(NO_FINDINGS, fix)) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER, findings=[static])
    (f,) = out.findings
    assert f.engine == "semgrep" and f.explanation == "An attacker can reach it."
    assert f.replacement == "    order = db.orders.get(int(order_id))"
    assert f.remediation[-1].startswith("The suggested fix was written by a model (the LLM review with")
    assert f.provenance.corroborated_by == ("llm:test-model",)
    (verify,) = server.of_kind("verification")
    assert "static rule py-test-rule" in verify.user
    assert "def get_order" in verify.user  # the full file goes to the verifier


def test_verifier_doubt_lowers_a_static_findings_confidence_but_keeps_it(tmp_path):
    no = {**EXPLOITABLE, "verdict": "not_exploitable", "reason": "constant input"}
    with FakeOpenAI(responder(NO_FINDINGS, no)) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER, findings=[_static_finding()])
    (f,) = out.findings
    assert f.confidence is Confidence.LOW and "not exploitable here: constant input" in f.message


def test_fix_with_a_placeholder_or_outside_the_change_is_dropped(tmp_path):
    bad = {**EXPLOITABLE, "replacement": 'KEY = "<redacted>"'}
    with FakeOpenAI(responder({"findings": [IDOR]}, bad)) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert out.findings[0].replacement is None and out.usage.dropped_bad_fix == 1


def test_no_llm_configured_sends_nothing(tmp_path):
    with FakeOpenAI() as server:
        settings = llm_settings(server.url, tmp_path, llm_enabled=False)
        out = run(settings, BEFORE, AFTER, findings=[_static_finding()])
    assert server.requests == [] and not out.ran and len(out.findings) == 1


def test_requests_run_in_parallel_up_to_the_concurrency_limit(tmp_path):
    import threading

    active, peak, lock = [0], [0], threading.Lock()

    def respond(req: Recorded) -> Reply:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        reply = chat(NO_FINDINGS, delay=0.3)
        return reply

    class Counting(FakeOpenAI):
        pass

    before = {f"app/m{i}.py": BASE for i in range(6)}
    after = {f"app/m{i}.py": BASE + DELETE for i in range(6)}
    with FakeOpenAI(respond) as server:
        run(llm_settings(server.url, tmp_path, llm_concurrency=3), before, after)
    assert len(server.requests) == 6
    assert 2 <= peak[0] <= 6  # requests overlapped (bounded by the client pool of 3 per review)


def _static_finding(**changes: object) -> Finding:
    f = Finding(
        rule_id="py-test-rule",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="Test rule",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path="app/orders.py",
        start_line=line_of(
            BASE + DELETE,
            "order = db.orders.get(order_id)",
        )
        + 0,
        end_line=0,
        message="static message",
        explanation="rule explanation",
        remediation=("rule step",),
        provenance=Provenance(engine="semgrep"),
    )
    added = [
        i
        for i, line in enumerate((BASE + DELETE).splitlines(), 1)
        if "order = db.orders.get(order_id)" in line
    ]
    f = f.with_(start_line=added[-1], end_line=added[-1])
    return f.with_(**changes)


def test_prices_and_cache_keys_ignore_secrets_in_json(tmp_path):
    # the cache stores only findings with relative lines, no source text
    store = MemoryLLMStore()
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        run(llm_settings(server.url, tmp_path), BEFORE, AFTER, store=store)
    for value, _created in store._cache.values():
        assert "db.orders.delete" not in value
        json.loads(value)


def test_cli_review_uses_the_llm_unless_no_llm(tmp_path, monkeypatch, capsys):
    import difflib

    from bot.cli.main import main
    from tests.integration.llm_support import make_change  # noqa: F401 - same diff shape

    diff = "diff --git a/app/orders.py b/app/orders.py\n" + "".join(
        difflib.unified_diff(
            BASE.splitlines(True), (BASE + DELETE).splitlines(True), "a/app/orders.py", "b/app/orders.py"
        )
    )
    patch = tmp_path / "change.patch"
    patch.write_text(diff)
    repo = tmp_path / "repo" / "app"
    repo.mkdir(parents=True)
    (repo / "orders.py").write_text(BASE + DELETE)
    with FakeOpenAI(responder({"findings": [IDOR]})) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("REMEDIATOR_LLM_MODEL", "test-model")
        monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
        args = ["review", "--diff", str(patch), "--repo", str(tmp_path / "repo"), "--format", "markdown"]
        assert main([*args, "--no-llm"]) == 0
        static_only = capsys.readouterr().out
        assert server.requests == []
        assert main(args) == 0
        with_llm = capsys.readouterr().out
    assert "Static analysis only: no LLM is configured" in static_only
    assert "Static analysis only" not in with_llm and "LLM review with test-model" in with_llm
    assert "Missing authorisation on order deletion" in with_llm
    assert "LLM review only" in with_llm


def test_a_finding_that_runs_past_the_end_of_the_file_is_dropped_not_fatal(tmp_path):
    # seen with a real small model (tests/integration/test_llama_server.py): a span from the last
    # added line to beyond the file's end; the verifier's key indexed past the end (IndexError) and
    # the whole LLM pass was lost
    last = len((BASE + DELETE).splitlines())
    past_the_end = {**IDOR, "start_line": last, "end_line": last + 3}
    with FakeOpenAI(responder({"findings": [past_the_end]})) as server:
        out = run(llm_settings(server.url, tmp_path), BEFORE, AFTER)
    assert out.ran
    assert not any("LLM review failed" in n for n in out.notes), out.notes
    assert any("1 pointing outside the change" in n for n in out.notes), out.notes
    assert server.of_kind("verification") == []
