"""The workflow-trust fixer: a single-job pull_request_target workflow that runs the pull request's code
gets the pull_request trigger, and event text in actions/github-script is read from the step's env;
every fix passes the real verifier, and workflows where that would take rights a job needs stay advice."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import workflow_trust
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("gha-workflow-untrusted-checkout-vuln-1", "integration.yml", "ref:", "workflow-untrusted-checkout",
     "  pull_request:"),
    ("gha-workflow-untrusted-checkout-vuln-3", "bench.yml", "gh pr checkout", "workflow-untrusted-checkout",
     "  pull_request:"),
    ("gha-workflow-injection-vuln-3", "commands.yml", "script: |", "workflow-injection",
     "            const body = process.env.COMMENT_BODY;"),
]  # fmt: skip


def _file(case: str, name: str):
    rel = f".github/workflows/{name}"
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), rel)


@pytest.mark.parametrize(("case", "name", "needle", "category", "expected"), CASES)
def test_untrusted_code_loses_the_targets_rights_and_event_text_becomes_data(
    case, name, needle, category, expected
):
    sf = _file(case, name)
    finding = finding_at(sf, needle, category)
    patched = fixed_text(sf, finding)
    assert patched is not None
    assert expected in patched.splitlines()
    assert "pull_request_target" not in patched or category != "workflow-untrusted-checkout"


def test_the_script_fix_adds_the_env_above_with():
    sf = _file("gha-workflow-injection-vuln-3", "commands.yml")
    patched = fixed_text(sf, finding_at(sf, "script: |", "workflow-injection"))
    assert (
        "        env:\n          COMMENT_BODY: ${{ github.event.comment.body }}\n        with:\n" in patched
    )


def test_every_workflow_trust_fix_passes_verification(tmp_path):
    for case, name, needle, category, _ in CASES:
        sf = _file(case, name)
        sf = new_file(sf.text, f".github/workflows/{case}.yml")  # one file per case in the batch
        assert [
            v.reason for v in verify_all([(sf, finding_at(sf, needle, category))], tmp_path) if not v.ok
        ] == []


SCRIPT_HEAD = "on: issue_comment\njobs:\n  a:\n    runs-on: x\n    steps:\n"


@pytest.mark.parametrize(
    ("text", "needle", "category"),
    [
        # two jobs: the labeler needs the target's write token
        ((CORPUS / "gha-workflow-untrusted-checkout-vuln-2/after/.github/workflows/labeler.yml").read_text(),
         "ref:", "workflow-untrusted-checkout"),
        # another trigger too
        ("on:\n  pull_request_target:\n  workflow_dispatch:\njobs:\n  a:\n    runs-on: x\n    steps:\n"
         "      - run: make\n", "make", "workflow-untrusted-checkout"),
        # the step has env already: by hand
        (SCRIPT_HEAD + "      - uses: actions/github-script@v7\n"
         "        env:\n          A: b\n        with:\n          script: |\n"
         "            const b = `${{ github.event.comment.body }}`;\n", "const b", "workflow-injection"),
        # not a github-script step
        ("on: issue_comment\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: other/action@v1\n"
         "        with:\n          script: |\n            const b = `${{ github.event.comment.body }}`;\n",
         "const b", "workflow-injection"),
        # the expression is part of a longer literal
        (SCRIPT_HEAD + "      - uses: actions/github-script@v7\n"
         "        with:\n          script: |\n            const b = `x ${{ github.event.comment.body }}`;\n",
         "const b", "workflow-injection"),
    ],
)  # fmt: skip
def test_workflows_where_the_fix_would_take_needed_rights_or_shapes_unknown_stay_advice(
    text, needle, category
):
    sf = new_file(text, ".github/workflows/w.yml")
    assert fixers.propose(finding_at(sf, needle, category), {sf.path: sf}).replacement is None


def test_odd_formatting_flow_style_trigger_and_a_one_line_script():
    sf = new_file(
        "on: [pull_request_target]\njobs:\n  only:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "        with: {ref: '${{ github.event.pull_request.head.sha }}'}\n",
        ".github/workflows/w.yml",
    )
    patched = fixed_text(sf, finding_at(sf, "with:", "workflow-untrusted-checkout"))
    assert patched.splitlines()[0] == "on: [pull_request]"


_ROW = st.text(alphabet=" -:|`${}.abcgithubeventscriptwithuses@", max_size=30)


def _corpus_rows(case: str, name: str) -> list[str]:
    return _file(case, name).text.splitlines()


# the corpus's workflows the fixer rewrites, with an arbitrary row put in at any place
_WORKFLOW = st.builds(
    lambda rows, at, row: [*rows[: at % (len(rows) + 1)], row, *rows[at % (len(rows) + 1) :]],
    st.sampled_from([_corpus_rows(case, name) for case, name, *_ in CASES]),
    st.integers(0, 200),
    _ROW,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(_corpus_rows(*CASES[2][:2]))
@given(st.one_of(st.lists(_ROW, min_size=1, max_size=8), _WORKFLOW))
def test_untrusted_workflows_never_crash(rows):
    sf = new_file("\n".join(rows) + "\n", ".github/workflows/w.yml")
    for n in range(1, len(sf.lines) + 1):
        for category in ("workflow-untrusted-checkout", "workflow-injection"):
            finding = finding_at(sf, sf.lines[n - 1], category).with_(start_line=n, end_line=n)
            out = workflow_trust.propose(finding, sf)
            if out is not None and out.replacement is not None:
                assert out.start_line <= n <= out.end_line
                event("fixed")
