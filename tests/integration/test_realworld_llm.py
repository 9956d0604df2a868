"""`remediator eval` on real-world cases with a model configured: a second run with the LLM pass,
its tokens and cost per case, through the real OpenAI client against the simulator."""

from __future__ import annotations

from bot.cli.realworld import evaluate_realworld, format_realworld
from tests.integration.llm_support import llm_settings
from tests.sim.openai_server import FakeOpenAI
from tests.unit.test_realworld import FIXED, VULNERABLE, _case


def test_llm_run_reports_tokens_and_cost_per_case(tmp_path):
    cases = tmp_path / "cases"
    _case(cases, "python-89-a", VULNERABLE, FIXED)
    _case(cases, "python-89-b", VULNERABLE.replace("invoices", "orders"), FIXED.replace("invoices", "orders"))
    with FakeOpenAI() as server:
        runs = evaluate_realworld(cases, llm_settings(server.url, tmp_path / "data"))
        requests = len(server.requests)
    static, llm = runs
    assert (static.label, llm.label) == ("static", "llm")
    assert static.tokens == 0 and static.cost == 0
    assert requests > 0
    assert llm.tokens == 110 * requests
    assert llm.cost > 0
    body = llm.as_dict()
    assert body["tokens_per_case"] == round(llm.tokens / 2, 1)
    assert body["cost_per_case"] == round(llm.cost / 2, 6)
    assert llm.inline.overall.discriminated == 2
    assert f"{llm.tokens} tokens ({llm.tokens / 2:.0f} per case)" in format_realworld(runs)
