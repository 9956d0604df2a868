"""The configuration-secrets fixer: a credential in a Dockerfile, a Kubernetes manifest, Terraform or a
Spring properties file becomes the reference that platform offers; the replacement never holds the
secret, and a value that is already a reference or a placeholder is left alone. The secrets come from
the corpus's own vulnerable cases (no new ones are written here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import secrets_config
from bot.core.diffmap import parse_diff
from bot.core.models import SourceFile
from bot.core.redact import contains_secret
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("docker-hardcoded-secret-vuln-1", "Dockerfile", "ARG NPM_TOKEN", ["ARG NPM_TOKEN"]),
    ("docker-hardcoded-secret-vuln-1", "Dockerfile", "ENV NODE_ENV", ["ENV NODE_ENV=production DB_USER=app"]),
    ("docker-hardcoded-secret-vuln-2", "Containerfile", "ENV PAYMENTS",
     ["# PAYMENTS_API_SECRET: given at run time, not in the image"]),
    ("k8s-hardcoded-secret-vuln-1", "deploy/k8s/worker.yaml", 'value: "bv0',
     ["              valueFrom:", "                secretKeyRef:", "                  name: worker-secrets",
      "                  key: DB_PASSWORD"]),
    ("tf-hardcoded-secret-vuln-1", "infra/rds.tf", "password ",
     ['variable "orders_password" {', "  type      = string", "  sensitive = true", "}", "",
      'resource "aws_db_instance" "orders" {', '  identifier          = "orders"',
      '  engine              = "mysql"', '  instance_class      = "db.t4g.small"',
      "  allocated_storage   = 20", '  username            = "orders"',
      "  password            = var.orders_password"]),
    ("tf-hardcoded-secret-vuln-2", "infra/providers.tf", "default =", ["  sensitive = true"]),
    ("tf-hardcoded-secret-vuln-2", "infra/providers.tf", "secret_key =",
     ["  # secret_key: read from AWS_SECRET_ACCESS_KEY"]),
    ("secret-hardcoded-secret-vuln-6", "src/main/resources/application-prod.properties", "password=",
     ["spring.datasource.password=${SPRING_DATASOURCE_PASSWORD}"]),
    ("secret-hardcoded-secret-vuln-4", "services/api/.env", "DB_PASSWORD=", ["DB_PASSWORD=${DB_PASSWORD}"]),
    ("secret-hardcoded-secret-vuln-4", "services/api/.env", "GITLAB_TOKEN=",
     ["GITLAB_TOKEN=${GITLAB_TOKEN}"]),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), rel)


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_a_config_secret_becomes_a_platform_reference(case, rel, needle, expected):
    sf = _file(case, rel)
    out = fixers.propose(finding_at(sf, needle, "hardcoded-secret"), {sf.path: sf})
    assert out.replacement is not None
    assert out.replacement.splitlines() == expected
    assert not contains_secret(out.replacement)
    assert any("Rotate the secret" in s for s in out.remediation)


def test_every_config_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "hardcoded-secret")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts if not v.ok] == []


@pytest.mark.parametrize(
    ("text", "path", "needle"),
    [
        ("FROM alpine\nARG NPM_TOKEN\n", "Dockerfile", "ARG"),  # no default: given at build time
        ("FROM alpine\nENV DB_PASSWORD=${DB_PASSWORD}\n", "Dockerfile", "ENV"),  # a reference
        ("FROM alpine\nENV NODE_ENV=production\n", "Dockerfile", "ENV"),  # not a secret's name
        ("FROM alpine\nENV API_TOKEN=abc \\\n    OTHER=1\n", "Dockerfile", "ENV"),  # continued: by hand
        ('FROM alpine\nENV API_TOKEN="a b c"\n', "Dockerfile", "ENV"),  # quoted value with spaces
        ('variable "token" {\n  default = var.other\n}\n', "infra/a.tf", "default"),  # not a literal
        ('variable "token" {\n  sensitive = true\n  default = "abcdefgh12345"\n}\n', "infra/a.tf", "default"),
        ('resource "x" "y" {\n  password = "${var.p}"\n}\n', "infra/a.tf", "password"),  # interpolation
        ('resource "x" "y" {\n  name = "abcdefgh12345"\n}\n', "infra/a.tf", "name"),  # not a secret's key
        ("db.password=${DB_PASSWORD}\n", "src/main/resources/application.properties", "password"),
        ("db.password=hunter2hunter2\n", "conf/legacy.properties", "password"),  # not Spring: no ${}
        ("DB_PASSWORD=${DB_PASSWORD}\n", "api/.env", "DB_PASSWORD"),  # a reference already
        ("LOG_LEVEL=debug-verbose-9\n", "api/.env", "LOG_LEVEL"),  # not a secret's name
        ("API_TOKEN=changeme\n", "api/.env", "API_TOKEN"),  # a placeholder
    ],
)
def test_references_and_unknown_shapes_are_left_alone(text, path, needle):
    sf = new_file(text, path)
    assert fixers.propose(finding_at(sf, needle, "hardcoded-secret"), {sf.path: sf}).replacement is None


def test_kubernetes_needs_one_workload_and_a_name_entry_above_the_value():
    base = (CORPUS / "k8s-hardcoded-secret-vuln-1/after/deploy/k8s/worker.yaml").read_text(encoding="utf-8")
    two = new_file(base + "---\n" + base, "deploy/k8s/worker.yaml")  # which workload's Secret?
    assert (
        fixers.propose(finding_at(two, 'value: "bv0', "hardcoded-secret"), {two.path: two}).replacement
        is None
    )
    config = new_file(base.replace("kind: Deployment", "kind: ConfigMap"), "deploy/k8s/worker.yaml")
    out = fixers.propose(finding_at(config, 'value: "bv0', "hardcoded-secret"), {config.path: config})
    assert out.replacement is None


def test_odd_formatting_keeps_the_line_indentation_and_other_pairs():
    sf = new_file("FROM alpine AS build\n  ENV A=1   API_TOKEN=s3cr3tValue99 B=2\n", "build/Dockerfile.build")
    patched = fixed_text(sf, finding_at(sf, "ENV", "hardcoded-secret"))
    assert patched == "FROM alpine AS build\n  ENV A=1 B=2\n"
    sf = new_file("spring.mail.password :  s3cr3tValue99\n", "config/application.properties")
    patched = fixed_text(sf, finding_at(sf, "password", "hardcoded-secret"))
    assert patched == "spring.mail.password :  ${SPRING_MAIL_PASSWORD}\n"


def test_a_variable_is_declared_only_where_the_change_adds_the_block_above():
    text = 'resource "aws_db_instance" "db" {\n  password = "s3cr3tValue99zz"\n}\n'
    diff = (
        "diff --git a/infra/a.tf b/infra/a.tf\n--- a/infra/a.tf\n+++ b/infra/a.tf\n@@ -1,3 +1,3 @@\n"
        ' resource "aws_db_instance" "db" {\n-  password = var.p\n+  password = "s3cr3tValue99zz"\n }\n'
    )
    sf = SourceFile(parse_diff(diff).file("infra/a.tf"), text, "terraform", False)
    assert secrets_config.propose(finding_at(sf, "password", "hardcoded-secret"), sf) is None


LINE = st.text(alphabet="ENVARGvalue:=\"'$ {}#-\\abcXY0123_.", max_size=40)
_SECRET = st.from_regex(r"Zq[0-9A-Za-z]{10,20}", fullmatch=True)
_NAME = st.sampled_from(["DB_PASSWORD", "API_TOKEN", "db.password", "app_secret", "NAME"])
# lines that set a secret-looking name to a value, in each format's syntax (a terraform block is one
# element: three lines)
_SETTING = st.one_of(
    st.builds("ARG {}={}".format, _NAME, _SECRET),
    st.builds("ENV {}={} OTHER=1".format, _NAME, _SECRET),
    st.builds("{}={}".format, _NAME, _SECRET),
    st.builds('variable "{}" {{\n  default = "{}"\n}}'.format, _NAME, _SECRET),
    st.builds('provider "aws" {{\n  secret_key = "{1}"\n}}'.format, _NAME, _SECRET),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(["FROM x", "ARG DB_PASSWORD=Zq8fK2mLp9xR4t"], "Dockerfile")
@given(
    st.lists(st.one_of(LINE, _SETTING), min_size=1, max_size=6),
    st.sampled_from(["Dockerfile", "k.yaml", "a.tf", "application.properties"]),
)
def test_untrusted_lines_never_crash_and_a_fix_only_rewrites_added_lines(rows, path):
    sf = new_file("\n".join(rows) + "\n", path)
    for n in range(1, len(sf.lines) + 1):
        finding = finding_at(sf, sf.lines[n - 1], "hardcoded-secret")
        out = secrets_config.propose(finding, sf)
        if out is not None and out.replacement is not None:
            assert 1 <= out.start_line <= out.end_line <= len(sf.lines)
            assert not contains_secret(out.replacement) or contains_secret(sf.text)
            # the value written on the flagged line is gone from what replaces it
            flagged = sf.lines[n - 1]
            for value in (v for v in flagged.replace('"', " ").replace("=", " ").split() if v[:2] == "Zq"):
                assert value not in out.replacement, (flagged, out.replacement)
                event("secret removed")
