"""The infrastructure fixers: Dockerfile final user, Kubernetes security settings, Terraform exposure;
values change in place (keys, spacing, comments kept) and what only the owner can narrow is advice
naming the exact lines (issue 12 item 1)."""

from __future__ import annotations

from bot.analysis import fixers
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile


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
