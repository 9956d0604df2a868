"""The Node password-hash fixer: MD5/SHA-1 of a password becomes a salted scrypt stored with its salt;
tokens and other shapes are left alone; the fix passes the real verifier, and (where Node is installed)
the check the step describes accepts the password and refuses another."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

ACCOUNTS = (
    "const crypto = require('crypto');\nconst db = require('../db');\n\n"
    "async function register({ email, password, displayName }) {\n"
    "  const existing = await db.users.findByEmail(email);\n"
    "  if (existing) throw new Error('email already registered');\n"
    "  const passwordHash = crypto.createHash('md5').update(password).digest('hex');\n"
    "  return db.users.insert({ email, displayName, passwordHash });\n}\n\nmodule.exports = { register };\n"
)
FIXED = (
    "  const salt = crypto.randomBytes(16).toString('hex');\n"
    "  const passwordHash = `scrypt$${salt}$${crypto.scryptSync(password, salt, 64).toString('hex')}`;\n"
)


def test_the_corpus_shape_becomes_salted_scrypt():
    sf = new_file(ACCOUNTS, "src/services/accounts.js")
    out = fixed_text(sf, finding_at(sf, "createHash", "weak-crypto"))
    assert out == ACCOUNTS.replace(
        "  const passwordHash = crypto.createHash('md5').update(password).digest('hex');\n", FIXED
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "    user.hash = nodeCrypto.createHash('SHA1').update(body.newPassword).digest('base64');",
            "    user.hash = `scrypt$${salt}$${nodeCrypto.scryptSync(body.newPassword, salt, 64)"
            ".toString('base64')}`;",
        ),
        (
            "    let h = nodeCrypto.createHash('md5').update(pwd).digest('hex');",
            "    let h = `scrypt$${salt}$${nodeCrypto.scryptSync(pwd, salt, 64).toString('hex')}`;",
        ),
    ],
)
def test_variants_keep_indentation_and_the_statement(line, expected):
    text = (
        f"import nodeCrypto from 'crypto';\n\nexport function f(user, body, pwd) {{\n  {{\n{line}\n  }}\n}}\n"
    )
    sf = new_file(text, "src/a.ts")
    out = fixed_text(sf, finding_at(sf, "createHash", "weak-crypto"))
    assert out is not None
    assert out.splitlines()[4:6] == ["    const salt = nodeCrypto.randomBytes(16).toString('hex');", expected]


@pytest.mark.parametrize(
    "line",
    [
        "  const h = crypto.createHash('md5').update(token).digest('hex');",  # a token: an HMAC's job
        "  const h = crypto.createHash('md5').update(fileBody).digest('hex');",
        "  const h = crypto.createHash('sha256').update(password).digest('hex');",  # not MD5/SHA-1
        "  const h = crypto.createHash('md5').update(password).digest();",  # a Buffer: by hand
        "  const h = crypto.createHash('md5').update(password, 'utf8').digest('hex');",
        "  save(crypto.createHash('md5').update(password).digest('hex'));",  # inside a larger expression
        "  const salt = 1, h = crypto.createHash('md5').update(password).digest('hex');",  # the name is taken
    ],
)
def test_shapes_left_alone(line):
    text = f"const crypto = require('crypto');\n\nfunction f(password, token, fileBody) {{\n{line}\n}}\n"
    sf = new_file(text, "src/a.js")
    assert fixed_text(sf, finding_at(sf, "createHash", "weak-crypto")) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(ACCOUNTS, "src/services/accounts.js")
    verdicts = verify_all([(sf, finding_at(sf, "createHash", "weak-crypto"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_the_check_the_step_describes_accepts_the_password_and_refuses_another(tmp_path):
    script = tmp_path / "check.js"
    script.write_text(
        "const crypto = require('crypto');\nconst password = 'correct horse';\n" + FIXED.replace("  ", "", 2)
        + "function check(stored, attempt) {\n  const [scheme, salt, hash] = stored.split('$');\n"
        "  const got = crypto.scryptSync(attempt, salt, 64);\n"
        "  return scheme === 'scrypt' && crypto.timingSafeEqual(got, Buffer.from(hash, 'hex'));\n}\n"
        "console.log(check(passwordHash, 'correct horse'), check(passwordHash, 'wrong'));\n",
        encoding="utf-8",
    )  # fmt: skip
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["true", "false"]
