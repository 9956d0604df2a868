"""Issue 14 item 5, for teams that start in CI: the GitHub Action, the GitLab CI template and the
pre-commit hook, each tested by running its own command line here (parsed from the file, not copied
into the test) on a real git repository with a flaw: SARIF that the SARIF 2.1.0 schema accepts,
GitLab's SAST report as its documentation defines it, and a hook that blocks the commit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.fixtures import PLATFORM

ROOT = PLATFORM.parents[2]
FIXTURES = PLATFORM.parent
SAFE = "def version():\n    return '1.2'\n"
FLAW = SAFE + "\n\ndef run(cmd):\n    import os\n    os.system('sh -c ' + cmd)\n"


def _git(repo: Path, *args: str) -> str:
    out = subprocess.run(
        ["git", "-c", "user.email=ci@example.org", "-c", "user.name=ci", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def _repo(tmp_path: Path) -> tuple[Path, str, str]:
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "app.py").write_text(SAFE)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD")
    (repo / "app.py").write_text(FLAW)
    _git(repo, "commit", "-qam", "change")
    return repo, base, _git(repo, "rev-parse", "HEAD")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "REMEDIATOR_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_the_github_actions_review_step_writes_sarif_that_code_scanning_accepts(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps = action["runs"]["steps"]
    review = next(s for s in steps if s.get("name") == "Review the change")
    # inputs reach the shell only through env (a workflow-injection rule of our own rule pack)
    assert "${{" not in review["run"] and all(v.startswith("${{ inputs.") for v in review["env"].values())
    upload = next(s for s in steps if "upload-sarif" in str(s.get("uses")))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    repo, base, head = _repo(tmp_path)
    env = _env(
        tmp_path,
        REMEDIATOR_BASE=base,
        REMEDIATOR_HEAD=head,
        REMEDIATOR_FAIL_ON="",
        REMEDIATOR_SARIF="remediator.sarif",
        GITHUB_OUTPUT=str(tmp_path / "out.txt"),
    )
    done = _bash(review["run"], repo, env)
    assert done.returncode == 0, done.stderr
    log = json.loads((repo / "remediator.sarif").read_text())
    jsonschema.validate(log, json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text()))
    results = log["runs"][0]["results"]
    assert any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "app.py" for r in results)
    assert (tmp_path / "out.txt").read_text() == "status=0\n"
    env["REMEDIATOR_FAIL_ON"] = "high"
    assert _bash(review["run"], repo, env).returncode == 1  # fail-on fails the job, the log is written


@pytest.mark.slow
def test_the_gitlab_template_writes_the_sast_report_the_security_widget_reads(tmp_path):
    template = yaml.safe_load((ROOT / "ci/remediator-sast.gitlab-ci.yml").read_text())
    job = template["remediator_sast"]
    assert job["artifacts"]["reports"]["sast"] == "gl-sast-report.json"
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    repo, base, head = _repo(tmp_path)
    env = _env(
        tmp_path,
        CI_PROJECT_DIR=str(repo),
        CI_MERGE_REQUEST_DIFF_BASE_SHA=base,
        CI_COMMIT_SHA=head,
        **{k: str(v) for k, v in job["variables"].items()},
    )
    for line in job["script"]:  # before_script installs the package; here it is installed already
        done = _bash(line, repo, env)
        assert done.returncode == 0, done.stderr
    report = json.loads((repo / "gl-sast-report.json").read_text())
    jsonschema.validate(report, json.loads((FIXTURES / "gitlab-sast-report.schema.json").read_text()))
    [vuln] = [v for v in report["vulnerabilities"] if "CWE-78" in {i["name"] for i in v["identifiers"]}]
    assert vuln["location"]["file"] == "app.py" and vuln["location"]["start_line"] == 7
    assert vuln["severity"] in ("High", "Critical") and vuln["solution"].startswith("1. ")
    assert report["scan"]["status"] == "success"


@pytest.mark.slow
def test_the_pre_commit_hook_blocks_a_staged_flaw_and_passes_a_clean_change(tmp_path):
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    repo = tmp_path / "project"
    repo.mkdir()
    _git(repo, "init", "-q")
    env = _env(tmp_path)
    (repo / "app.py").write_text(SAFE)
    _git(repo, "add", "app.py")
    clean = _bash(hook["entry"], repo, env)  # the first commit: staged against nothing
    assert clean.returncode == 0, clean.stdout + clean.stderr
    _git(repo, "commit", "-qm", "base")
    (repo / "app.py").write_text(FLAW)
    _git(repo, "add", "app.py")
    blocked = _bash(hook["entry"], repo, env)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "CWE-78" in blocked.stdout
    (repo / "app.py").write_text(SAFE + "\n")  # the working tree differs; the staged flaw still counts
    assert _bash(hook["entry"], repo, env).returncode == 1
    assert _bash("remediator review --staged", tmp_path, env).returncode == 2  # not a repository


def test_the_files_only_name_commands_and_options_the_cli_has():
    from bot.cli.main import build_parser

    review = build_parser()._subparsers._group_actions[0].choices["review"]
    options = {opt for action in review._actions for opt in action.option_strings}
    texts = [
        (ROOT / "action.yml").read_text(),
        (ROOT / "ci/remediator-sast.gitlab-ci.yml").read_text(),
        (ROOT / ".pre-commit-hooks.yaml").read_text(),
    ]
    for text in texts:
        for line in text.splitlines():
            if "remediator review" in line or line.strip().startswith("--"):
                for word in line.replace("\\\\", " ").split():
                    if word.startswith("--") and "=" not in word:
                        assert word in options, (word, line)
