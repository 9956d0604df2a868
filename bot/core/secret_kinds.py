"""The one list of secret kinds: what the rule pack flags as a hard-coded secret is what redaction hides.

Pure: standard library only (imported by ``bot.core.redact``). Each kind names the rule ids that flag
it; ``tests/unit/test_secret_kinds.py`` fails when a hard-coded-secret rule has no kind here or a kind
has no rule, and redacts every kind's ``example``. Every pattern is linear: a literal prefix, then
bounded (mostly possessive) repeats, so one attempt costs a bounded number of steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SecretKind:
    """One kind of secret: the rules that flag it, a line it appears in, and how redaction finds it."""

    name: str
    rules: tuple[str, ...]
    example: str
    pattern: re.Pattern[str] | None = None  # token-shaped kinds; None: found by the assignment scanner


def _token(regex: str) -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9_\-])" + regex + r"(?![A-Za-z0-9_\-])")


# Examples are split so that no scanner reading this file finds a live-looking token in it.
SECRET_KINDS: tuple[SecretKind, ...] = (
    SecretKind(
        "aws-access-key-id",
        ("secret-aws-access-key-id", "js-hardcoded-secret-known-format"),
        'key_id = "AKIA'
        + 'QYLPMN5HHHFPZAM2"; backup = "ABIA'
        + 'QYLPMN5HHHFPZAM3"; c = "ACCA'
        + 'QYLPMN5HHHFPZAM4"',
        _token(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"),
    ),
    SecretKind(
        "github-token",
        ("secret-github-token", "js-hardcoded-secret-known-format"),
        "auth: ghp_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5 and github_pat_" + "11ABCDEFG0" * 5,
        _token(r"(?:gh[pousr]_[A-Za-z0-9]{30,255}+|github_pat_[A-Za-z0-9_]{40,255}+)"),
    ),
    SecretKind(
        "gitlab-token",
        ("secret-gitlab-token",),
        "GITLAB=glpat-" + "m7aSz7NRSOtv75y4SXvE",
        _token(r"glpat-[A-Za-z0-9_\-]{20,255}+"),
    ),
    SecretKind(
        "slack-token",
        ("secret-slack-token", "js-hardcoded-secret-known-format"),
        'bot = "xoxb-' + '722403280997-0701343067145-XQIChPnlnhG2BqxLHmAuMe57"',
        _token(r"xox[abposr]-[A-Za-z0-9\-]{10,255}+"),
    ),
    SecretKind(
        "slack-webhook",
        ("secret-slack-token",),
        'hook = "https://hooks.slack.com/services/' + 'T0ABCDEFG/B0ABCDEFG/aBcDeFgHiJkLmNoPqRsTuVwX"',
        re.compile(r"(?<=hooks\.slack\.com/)(?:services|workflows)/[A-Za-z0-9_/\-]{10,255}+"),
    ),
    SecretKind(
        "stripe-live-key",
        ("secret-stripe-live-key", "js-hardcoded-secret-known-format"),
        'stripe = "sk_live_' + 'l9JuO4iIhOvqiZnCxh1Gd1CJ" or rk_live_' + "l9JuO4iIhOvqiZnCxh1Gd1CJ",
        _token(r"[sr]k_live_[A-Za-z0-9]{16,255}+"),
    ),
    SecretKind(
        "google-api-key",
        ("secret-google-api-key", "js-hardcoded-secret-known-format"),
        'const key = "AIza' + 'C6QsyHZytfqY6K1Qjah4dXd3eOa1Zcc-a4C";',
        _token(r"AIza[0-9A-Za-z_\-]{35}"),
    ),
    SecretKind(
        "sendgrid-key",
        ("js-hardcoded-secret-known-format",),
        'mail = "SG.' + 'aBcDeFgHiJkLmNoPqRsT.uVwXyZ0123456789aBcD"',
        _token(r"SG\.[0-9A-Za-z_\-]{16,128}+\.[0-9A-Za-z_\-]{16,128}+"),
    ),
    SecretKind(
        "openai-api-key",
        ("secret-openai-api-key",),
        'OPENAI = "sk-proj-' + 'Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56"',
        _token(r"sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{32,255}+"),
    ),
    SecretKind(
        "remediator-api-token",
        ("secret-remediator-token",),
        "Authorization: Bearer rmd_" + "Qx7" * 15,
        _token(r"rmd_[A-Za-z0-9_\-]{40,64}+"),
    ),
    SecretKind(
        "url-credentials",
        ("secret-url-credentials",),
        'DATABASE_URL = "postgres://app:' + 'pa55w0rd-9x@db:5432/x"',
        re.compile(r"(?<=://)[^/\s:@]{1,128}+:(?P<secret>[^@\s/]{1,128}+)@"),
    ),
    SecretKind(
        "private-key-block",
        ("secret-private-key-block",),
        "-----BEGIN RSA PRIVATE KEY-----\n"
        "MIIEowIBAAKCAQEA7bq98mmvjr3kRLQmbzQnDzyQ8vZtL5Yd\n"
        "-----END RSA PRIVATE KEY-----",
    ),
    SecretKind(
        "assigned-literal",
        (
            "secret-aws-secret-access-key",
            "secret-generic-assignment",
            "secret-config-file-assignment",
            "py-hardcoded-secret",
            "js-hardcoded-secret-assignment",
            "docker-secret-in-env-or-arg",
            "tf-hardcoded-credential",
        ),
        'passphrase = "c0rrect-h0rse-b4ttery"; app.config["MAIL_PASSWORD"] = "Sup3rS3cretMail!"',
    ),
    SecretKind(
        "context-literal",
        ("k8s-env-hardcoded-secret", "tf-variable-secret-default"),
        '- name: DB_PASSWORD\n  value: "bv097SHzxgQA6T"\n'
        'variable "api_token" {\n  default = "glsa_j64AX6VM2"\n}',
    ),
    SecretKind(
        "signing-literal",
        ("js-hardcoded-jwt-secret",),
        "return jwt.sign(claims, 'n0t-so-s3cret-signing-key-2024', {",
    ),
)

TOKEN_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind.name, kind.pattern) for kind in SECRET_KINDS if kind.pattern is not None
)

# Names whose literal value is a secret: the name, lower-cased with separators removed, ends with one.
SECRET_NAME_ENDINGS = (
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "secretkey",
    "apikey",
    "accesskey",
    "authkey",
    "signingkey",
    "privatekey",
    "token",
    "credential",
    "credentials",
)
# Cheap substring test before the per-token scan: a line without any of these has no secret name.
NAME_HINTS = ("pass", "pwd", "secret", "key", "token", "credential")


def is_secret_name(name: str) -> bool:
    """Whether ``name`` (``DB_PASSWORD``, ``app.secret_key``, ``paymentsApiKey``) names a secret."""
    folded = name.lower().replace("_", "").replace("-", "").replace(".", "").replace("$", "")
    return folded.endswith(SECRET_NAME_ENDINGS)
