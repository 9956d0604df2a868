"""Issue 15, item 8: a blank line after an unquoted secret-looking assignment shifted every later line
of the redacted file, the LLM pass raised IndexError on the last line and the whole review died.
Now redaction keeps lines, and any failure inside the LLM pass leaves the static review standing."""

from __future__ import annotations

import re

from bot.analysis.pipeline import review_change
from bot.llm.augment import augment
from bot.llm.store import MemoryLLMStore
from bot.llm.types import ReviewContext
from tests.integration.llm_support import llm_settings, make_change
from tests.sim.openai_server import FakeOpenAI, Recorded, Reply, chat

SOURCE = """import os
from app.tokens import make_token


def issue(user):
    token = make_token(user)

    audit = os.environ.get("AUDIT", "")
    if audit:
        print(audit)
    return os.system("notify " + user.name)
"""
LAST = len(SOURCE.splitlines())


def _verdict() -> Reply:
    return chat(
        {
            "verdict": "exploitable",
            "reason": "user text reaches a shell",
            "severity": "high",
            "confidence": "high",
            "explanation": "A user name with ; runs commands.",
            "remediation": ["Pass a list to subprocess.run."],
            "replacement": None,
        },
        prompt_tokens=10,
        completion_tokens=10,
    )


def test_a_blank_line_after_a_token_assignment_keeps_line_numbers(tmp_path):
    shown: list[str] = []

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            shown.append(req.user)
            f = {
                "category": "command-injection",
                "title": "Shell command built from user input",
                "severity": "high",
                "confidence": "high",
                "start_line": LAST,
                "end_line": LAST,
                "message": "os.system with a user name.",
            }
            return chat({"findings": [f]}, prompt_tokens=10, completion_tokens=10)
        return _verdict()

    changeset, _ = make_change({}, {"app/issue.py": SOURCE})
    with FakeOpenAI(respond) as server:
        review = review_change(
            changeset,
            lambda p: SOURCE.encode(),
            llm_settings(server.url, tmp_path),
            context=ReviewContext(repo="acme/shop"),
        )
    assert review.complete and not review.failures
    assert not [n for n in review.notes if "LLM review failed" in n or "could not run" in n]
    # the model saw the last line under its own number, and the blank line kept its place
    assert re.search(rf"^\s*{LAST} \+ {re.escape(SOURCE.splitlines()[-1])}$", "\n".join(shown), re.MULTILINE)
    assert re.search(r"^\s*7 \+ $", "\n".join(shown), re.MULTILINE)
    # the model's finding ends on the line it named; its verified fix (os.system -> subprocess.run)
    # may widen the suggestion up to the import block to add `import subprocess`, moving only its start
    [shell] = [rf.finding for rf in review.findings if rf.finding.end_line == LAST]
    lines = SOURCE.splitlines()
    assert shell.start_line == LAST or (
        shell.replacement is not None
        and shell.replacement.splitlines()[0] == lines[shell.start_line - 1]  # the import block's line
        and "import subprocess" in shell.replacement.splitlines()
        and shell.replacement.splitlines()[-1] == '    return subprocess.call(["notify", user.name])'
    ), shell


class _BrokenModel:
    model = "broken-model"

    def complete(self, messages, schema_name, schema, *, max_tokens, deadline=None):
        raise IndexError("list index out of range")


def test_any_failure_inside_the_llm_pass_degrades_to_the_static_review(tmp_path):
    changeset, files = make_change({}, {"app/issue.py": SOURCE})
    outcome = augment(
        [],
        files,
        changeset,
        llm_settings("http://127.0.0.1:9", tmp_path),
        ReviewContext(repo="acme/shop"),
        model=_BrokenModel(),
        store=MemoryLLMStore(),
        now=lambda: 1_750_000_000.0,
        sleep=lambda _s: None,
    )
    assert outcome.findings == []
    assert any("LLM review failed (IndexError)" in note for note in outcome.notes)
