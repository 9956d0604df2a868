"""Every secret the corpus's hard-coded-secret cases hold is redacted in every output of a review:
text, Markdown (comments and summary), JSON, SARIF, the LLM request bodies (through the
OpenAI-compatible simulator) and the advisory store's rows."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from bot.analysis.pipeline import review_change
from bot.core.formats import review_json, review_sarif
from bot.core.redact import PLACEHOLDER, redact
from bot.core.render import markdown_report, text_report
from bot.jobs.record import excerpt
from bot.llm.types import ReviewContext
from bot.store import AdvisoryStore, Scan, Sighting
from bot.store.db import make_engine
from tests.contract.advisory_fixtures import FakeClock
from tests.integration.llm_support import llm_settings, make_change
from tests.sim.openai_server import FakeOpenAI, Recorded, Reply, chat

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _cases() -> list[Path]:
    return sorted(CORPUS.glob("*hardcoded-secret-vuln-*"))


def _files(case: Path, side: str) -> dict[str, str]:
    root = case / side
    if not root.is_dir():
        return {}
    return {f"{case.name}/{p.relative_to(root)}": p.read_text() for p in root.rglob("*") if p.is_file()}


def _hidden_parts(original: str) -> list[str]:
    """The substrings redaction removed from ``original`` (6+ characters each)."""
    out = []
    for before, after in zip(original.split("\n"), redact(original).split("\n"), strict=True):
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
            if op in {"replace", "delete"} and i2 - i1 >= 6:
                out.append(before[i1:i2])
    return out


@pytest.mark.slow
def test_corpus_secrets_are_redacted_in_every_output(tmp_path):
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    expected: list[tuple[str, int]] = []
    for case in _cases():
        before.update(_files(case, "before"))
        after.update(_files(case, "after"))
        for e in yaml.safe_load((case / "case.yml").read_text())["expect"]:
            expected.append((f"{case.name}/{e['path']}", e["line"]))
    secrets = [part for path, _ in expected for part in _hidden_parts(after[path])]
    assert len(secrets) >= len(expected), "every flagged line hides something"
    changeset, _ = make_change(before, after)

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            return chat({"findings": []}, prompt_tokens=10, completion_tokens=2)
        return chat(
            {
                "verdict": "exploitable",
                "reason": "a literal credential",
                "severity": "high",
                "confidence": "high",
                "explanation": "Anyone with the repository has it.",
                "remediation": ["Rotate it.", "Read it from the environment."],
                "replacement": None,
            },
            prompt_tokens=10,
            completion_tokens=10,
        )

    with FakeOpenAI(respond) as server:
        review = review_change(
            changeset,
            lambda p: after[p].encode() if p in after else None,
            llm_settings(server.url, tmp_path, llm_review_tokens=400_000),
            context=ReviewContext(repo="acme/corpus"),
        )
    flagged = {(rf.finding.path, line) for rf in review.findings for line in rf.finding.lines}
    missing = [e for e in expected if e not in flagged and (e[0], e[1] + 1) not in flagged]
    assert not missing, f"the review must flag the corpus lines (else nothing is tested): {missing}"
    assert server.requests, "the LLM pass must have been asked"

    engine = make_engine(f"sqlite:///{tmp_path / 'advisories.db'}")
    store = AdvisoryStore(engine, FakeClock())
    store.upgrade()
    sightings = [Sighting(rf.finding, rf.risk, excerpt(rf.finding, changeset)) for rf in review.findings]
    store.record_scan(Scan("github", "acme/corpus", 1, "c0ffee", sightings))
    with engine.connect() as conn:
        rows = "\n".join(str(tuple(row)) for row in conn.execute(text("SELECT * FROM advisories")))
    assert PLACEHOLDER in rows

    outputs = {
        "text": text_report(review),
        "markdown": markdown_report(review),
        "json": json.dumps(review_json(review), ensure_ascii=False),
        "sarif": json.dumps(review_sarif(review), ensure_ascii=False),
        "LLM requests": "\n".join(json.dumps(json.loads(r.raw), ensure_ascii=False) for r in server.requests),
        "advisory rows": rows,
    }
    for where, shown in outputs.items():
        leaked = [s for s in secrets if s in shown]
        assert not leaked, f"secrets leaked into the {where}: {leaked}"
