"""The infrastructure fixers: Dockerfile final user, Kubernetes security settings, Terraform exposure;
values change in place (keys, spacing, comments kept) and what only the owner can narrow is advice
naming the exact lines (issue 12 item 1); a one-line capabilities list loses its root-like entries."""

from __future__ import annotations

import difflib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import iac
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile
from tests.unit.fixerkit import finding_at, new_file, verify_all


def _propose(path: str, text: str, line: int, category: str) -> Finding:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{x}\n" for x in lines)
    )
    sf = SourceFile(parse_diff(diff).file(path), text, detect_language(path), False)
    finding = Finding(
        "r", "semgrep", category, "CWE-250", "t", Severity.HIGH, Confidence.HIGH, path, line, line, "m"
    )
    return fixers.propose(finding, {path: sf})


def test_a_final_root_user_becomes_the_stages_own_user_or_a_numeric_one():
    multi = "FROM node:20 AS b\nUSER node\nFROM node:20-slim\nUSER node\nRUN mkdir /c\nUSER 0:0\nCMD x\n"
    assert _propose("Dockerfile", multi, 6, "container-privilege").replacement == "USER node"
    plain = "FROM python:3.12\nCOPY . .\nuser root\nCMD x\n"
    out = _propose("Dockerfile", plain, 3, "container-privilege")
    assert out.replacement == "user 10001:10001" and "owned by that user" in out.remediation[-1]
    build = "FROM a AS b\nUSER root\nRUN make\nFROM c\nUSER app\n"
    assert _propose("Dockerfile", build, 2, "container-privilege").replacement is None  # not the final user


def test_kubernetes_settings_flip_in_place_and_host_paths_are_advice():
    pod = (
        "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true  # debugging\n"
        "  containers:\n    - name: a\n      securityContext:\n"
        '        runAsUser: 0\n        privileged: "true"\n        runAsNonRoot: false\n'
        "  volumes:\n    - hostPath:\n        path: /\n"
    )
    assert (
        _propose("k8s/pod.yaml", pod, 4, "container-privilege").replacement
        == "  hostNetwork: false  # debugging"
    )
    assert _propose("k8s/pod.yaml", pod, 8, "container-privilege").replacement == "        runAsUser: 10001"
    assert _propose("k8s/pod.yaml", pod, 9, "container-privilege").replacement == "        privileged: false"
    assert (
        _propose("k8s/pod.yaml", pod, 10, "container-privilege").replacement == "        runAsNonRoot: true"
    )
    config = "apiVersion: v1\nkind: ConfigMap\ndata:\n  privileged: true\n"
    assert _propose("k8s/cm.yaml", config, 4, "container-privilege").replacement is None
    out = _propose("k8s/pod.yaml", pod, 13, "container-privilege")
    assert out.replacement is None and out.remediation[-1].startswith(
        "Line 13 (`path: /`) mounts a host path"
    )


def test_terraform_exposure_is_closed_and_an_open_cidr_is_advice_naming_the_line():
    tf = (
        'resource "aws_s3_bucket_acl" "a" {\n  acl    = "public-read"\n}\n'
        'resource "aws_db_instance" "d" {\n  publicly_accessible = true\n  storage_encrypted   = false\n}\n'
        'resource "aws_security_group_rule" "r" {\n  cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]\n}\n'
    )
    assert _propose("infra/main.tf", tf, 2, "infrastructure-exposure").replacement == '  acl    = "private"'
    assert (
        _propose("infra/main.tf", tf, 5, "infrastructure-exposure").replacement
        == "  publicly_accessible = false"
    )
    assert (
        _propose("infra/main.tf", tf, 6, "infrastructure-exposure").replacement
        == "  storage_encrypted   = true"
    )
    out = _propose("infra/main.tf", tf, 9, "infrastructure-exposure")
    assert out.replacement is None
    assert out.remediation[-1].startswith(
        'Line 9 (`cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]`) lets the whole'
    )


def _modified(path: str, before: str, after: str) -> SourceFile:
    """The file as a change that modifies it (a real unified diff of ``before`` -> ``after``)."""
    body = "".join(
        difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), n=3)
    ).split("\n", 2)[2]
    diff = f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n{body}"
    return SourceFile(parse_diff(diff).file(path), after, detect_language(path), False)


WINDOWS_BEFORE = (
    'resource "aws_security_group" "jump" {\n  name = "windows-jump"\n\n  ingress {\n    from_port   = 3389\n'
    '    to_port     = 3389\n    protocol    = "tcp"\n'
    '    cidr_blocks = ["203.0.113.0/24"]  # office\n  }\n}\n'
)
WINDOWS_AFTER = WINDOWS_BEFORE.replace('["203.0.113.0/24"]  # office', '["0.0.0.0/0"]  # office').replace(
    "  }\n}\n",
    '  }\n\n  ingress {\n    from_port   = 0\n    to_port     = 65535\n    protocol    = "tcp"\n'
    '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
)


def _finding(sf: SourceFile, line: int) -> Finding:
    return Finding(
        "r", "semgrep", "infrastructure-exposure", "CWE-284", "t", Severity.HIGH, Confidence.HIGH, sf.path,
        line, line, "m",
    )  # fmt: skip


def test_a_range_the_change_widened_goes_back_to_what_it_was():
    sf = _modified("infra/windows.tf", WINDOWS_BEFORE, WINDOWS_AFTER)
    out = fixers.propose(_finding(sf, 8), {sf.path: sf})
    assert out.replacement == '    cidr_blocks = ["203.0.113.0/24"]  # office'
    assert "before this change" in out.remediation[-1]
    # the new rule further down replaced nothing: advice naming the line, no invented range
    new_rule = fixers.propose(_finding(sf, 15), {sf.path: sf})
    assert new_rule.replacement is None and "Line 15" in new_rule.remediation[-1]


def test_a_range_is_not_restored_from_another_key_another_position_or_an_open_value():
    other_key = WINDOWS_BEFORE.replace('cidr_blocks = ["203.0.113.0/24"]', 'description = "office"')
    was_open = WINDOWS_BEFORE.replace("203.0.113.0/24", "::/0")
    for before in (other_key, was_open):
        after = before.replace('description = "office"', 'cidr_blocks = ["0.0.0.0/0"]').replace(
            '"::/0"', '"0.0.0.0/0"'
        )
        sf = _modified("infra/windows.tf", before, after)
        assert fixers.propose(_finding(sf, 8), {sf.path: sf}).replacement is None
    # an added file has no earlier value
    sf = _modified("infra/windows.tf", "", WINDOWS_AFTER)
    assert fixers.propose(_finding(sf, 8), {sf.path: sf}).replacement is None


CRONJOB = (
    "apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
    "          containers:\n            - name: backup\n              securityContext:\n"
    '                capabilities:\n                  drop: ["ALL"]\n'
    "                  add: {caps}  # needed for the mount\n"
)


def test_root_like_capabilities_are_dropped_from_a_one_line_add():
    cases = {
        '["DAC_OVERRIDE", "SYS_ADMIN"]': '["DAC_OVERRIDE"]',
        "[SYS_PTRACE, NET_BIND_SERVICE, 'CAP_SYS_MODULE']": "[NET_BIND_SERVICE]",
        '["ALL"]': "[]",
    }
    for caps, kept in cases.items():
        out = _propose("k8s/cron.yaml", CRONJOB.format(caps=caps), 13, "container-privilege")
        assert out.replacement == f"                  add: {kept}  # needed for the mount", caps
        assert out.remediation[-1].startswith("Line 13 no longer adds the capabilities")


def test_other_capability_lists_stay_advice():
    for caps in ('["NET_ADMIN"]', '["SYS_ADMIN", *extra]', "[SYS_ADMIN, [x]]"):
        out = _propose("k8s/cron.yaml", CRONJOB.format(caps=caps), 13, "container-privilege")
        assert out.replacement is None and "adds Linux capabilities" in out.remediation[-1], caps
    # an `add:` that is not a capabilities list (a ConfigMap's key, another mapping) is not touched
    other = CRONJOB.format(caps='["SYS_ADMIN"]').replace("capabilities:", "extras:")
    assert _propose("k8s/cron.yaml", other, 13, "container-privilege").replacement is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="[]\"', SYS_ADMINCAPLNET#{}*&", max_size=60))
def test_hostile_capability_lists_never_raise_and_keep_only_what_was_there(caps):
    text = CRONJOB.format(caps=caps)
    out = _propose("k8s/cron.yaml", text, 13, "container-privilege")
    if out.replacement is None:
        return
    value = out.replacement.partition("add: ")[2].partition("  # needed")[0]
    assert value.startswith("[") and value.endswith("]")
    kept = [item.strip() for item in value[1:-1].split(",") if item.strip()]
    before = [item.strip() for item in caps.strip()[1:-1].split(",")]
    assert all(item in before for item in kept)
    assert not any(item.strip("\"'").upper().removeprefix("CAP_") in iac.ROOT_LIKE for item in kept)


def test_the_capability_fix_passes_the_real_verifier(tmp_path):
    path = "k8s-container-privilege-vuln-3/k8s/backup-cronjob.yml"
    text = (Path(__file__).resolve().parents[1] / "corpus" / path.replace("/k8s/", "/after/k8s/")).read_text(
        encoding="utf-8"
    )
    sf = new_file(text, path)
    verdicts = verify_all([(sf, finding_at(sf, "add:", "container-privilege"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]
