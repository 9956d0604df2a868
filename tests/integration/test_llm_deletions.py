"""A change whose only added lines are blank (a deleted check) still gets an LLM chunk, with the
removed lines as context, and the model's finding keeps its class and CWE."""

from __future__ import annotations

from tests.integration.llm_support import llm_settings, run
from tests.sim.openai_server import EXPLOITABLE, FakeOpenAI, Recorded, Reply, chat

BEFORE = """from flask import abort

from app.db import db


def get_order(user, order_id):
    order = db.orders.get(order_id)
    if order.owner_id != user.id:
        abort(403)
    return order.to_json()
"""
AFTER = BEFORE.replace("    if order.owner_id != user.id:\n        abort(403)\n", "\n")
BLANK_LINE = 8


def test_a_deleted_check_is_sent_with_its_removed_lines_and_keeps_its_class(tmp_path):
    finding = {
        "category": "missing-authorization",
        "title": "Owner check deleted",
        "severity": "high",
        "confidence": "high",
        "start_line": BLANK_LINE,
        "end_line": BLANK_LINE,
        "message": "Any user can read any order now that the owner check is gone.",
    }

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            return chat({"findings": [finding]}, prompt_tokens=300, completion_tokens=40)
        return chat(EXPLOITABLE, prompt_tokens=600, completion_tokens=80)

    with FakeOpenAI(respond) as server:
        out = run(llm_settings(server.url, tmp_path), {"app/orders.py": BEFORE}, {"app/orders.py": AFTER})
    (detect,) = server.of_kind("detection")
    assert "      -     if order.owner_id != user.id:" in detect.user
    assert "      -         abort(403)" in detect.user
    assert f"{BLANK_LINE:>5} + " in detect.user
    (f,) = out.findings
    assert (f.category, f.cwe, f.start_line) == ("missing-authorization", "CWE-862", BLANK_LINE)
    assert "only delete code" in out.coverage["app/orders.py"][1]


def test_memory_safety_classes_keep_their_cwe(tmp_path):
    c_before = (
        "int f(char *d, const char *s, int n) {\n    if (n > 16) return -1;\n"
        "    memcpy(d, s, n);\n    return 0;\n}\n"
    )
    c_after = c_before.replace("    if (n > 16) return -1;\n", "    n = n + 1;\n")
    finding = {
        "category": "out-of-bounds-write",
        "title": "Unbounded copy",
        "severity": "critical",
        "confidence": "high",
        "start_line": 2,
        "end_line": 3,
        "message": "n is no longer bounded before memcpy into a 16-byte buffer.",
    }

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            return chat({"findings": [finding]}, prompt_tokens=300, completion_tokens=40)
        return chat(EXPLOITABLE, prompt_tokens=600, completion_tokens=80)

    with FakeOpenAI(respond) as server:
        out = run(llm_settings(server.url, tmp_path), {"src/copy.c": c_before}, {"src/copy.c": c_after})
    (f,) = out.findings
    assert (f.category, f.cwe) == ("out-of-bounds-write", "CWE-787")
