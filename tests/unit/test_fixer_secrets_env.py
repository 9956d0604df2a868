"""The secrets fixer: a credential written into code becomes an environment lookup named after what it
was assigned to; the replacement never holds the secret. The secrets come from the corpus's own
vulnerable cases (no new ones are written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import fixers
from bot.core.redact import contains_secret
from tests.unit.fixerkit import finding_at, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("secret-hardcoded-secret-vuln-1", "app/settings.py", "AWS_SECRET_ACCESS_KEY =",
     'AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]'),
    ("js-hardcoded-secret-vuln-1", "src/config/payments.js", "const paymentsApiKey",
     "const paymentsApiKey = process.env.PAYMENTS_API_KEY;"),
    ("secret-hardcoded-secret-vuln-3", "internal/notify/notify.go", "const slackBotToken",
     'var slackBotToken = os.Getenv("SLACK_BOT_TOKEN")'),
    ("secret-hardcoded-secret-vuln-6", "src/main/java/com/acme/shop/Mailer.java", "SMTP_PASSWORD =",
     '    private static final String SMTP_PASSWORD = System.getenv("SMTP_PASSWORD");'),
    ("secret-hardcoded-secret-vuln-7", "src/geo/client.ts", "const key =",
     "const key = process.env.KEY as string;"),
    ("py-hardcoded-secret-vuln-1", "app/__init__.py", 'app.config["MAIL_PASSWORD"]',
     '    app.config["MAIL_PASSWORD"] = os.environ["MAIL_PASSWORD"]'),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_a_secret_becomes_an_environment_lookup(case, rel, needle, expected):
    sf = _file(case, rel)
    out = fixers.propose(finding_at(sf, needle, "hardcoded-secret"), {sf.path: sf})
    assert out.replacement is not None
    assert out.replacement.splitlines()[-1] == expected
    assert not contains_secret(out.replacement)
    assert any("Rotate the secret" in s for s in out.remediation)


def test_a_missing_import_is_added_when_close_and_never_by_carrying_another_secret():
    sf = _file("py-hardcoded-secret-vuln-1", "app/__init__.py")
    first = fixers.propose(finding_at(sf, "app.secret_key", "hardcoded-secret"), {sf.path: sf})
    assert "import os" in first.replacement.splitlines()  # widened to the import block
    second = fixers.propose(finding_at(sf, "MAIL_PASSWORD", "hardcoded-secret"), {sf.path: sf})
    assert len(second.replacement.splitlines()) == 1  # widening would carry the first secret along
    assert "Add `import os`" in second.remediation[-1]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('API_KEY = "AKIAIOSFODNN7EXAMPLE"\n', "app/a.py"),  # a documented example
        ('PASSWORD = "xxxxxxxxxxxxxxxx"\n', "app/a.py"),  # a placeholder
        ('GITHUB_TOKEN = "GITHUB_TOKEN"\n', "app/a.py"),  # the name of a variable
        ('TOKEN = "b7Qd93kLmX2pZ8rT4vW6"\n', "tests/test_a.py"),  # a test file
    ],
)
def test_placeholders_examples_names_and_tests_are_left_alone(text, path):
    sf = new_file(text, path)
    out = fixers.propose(finding_at(sf, "=", "hardcoded-secret"), {sf.path: sf})
    assert out.replacement is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "hardcoded-secret")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == [""] * len(pairs)


def test_a_finding_on_the_line_that_uses_the_constant_fixes_the_declaration_above():
    sf = _file("secret-hardcoded-secret-vuln-7", "src/geo/client.ts")
    finding = finding_at(sf, "axios.get", "hardcoded-secret")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    rows = out.replacement.splitlines()
    assert rows[0] == "const key = process.env.KEY as string;"
    assert out.end_line == finding.end_line  # the comment stays on the flagged line
    assert not contains_secret(out.replacement)


def test_a_use_without_a_declared_secret_above_is_left_alone():
    sf = new_file("const key = loadKey();\n\nexport const f = () => get(URL, { key });\n", "src/a.ts")
    assert fixers.propose(finding_at(sf, "get(URL", "hardcoded-secret"), {sf.path: sf}).replacement is None
