"""The Java password-hash fixer: a fast digest of a password becomes salted PBKDF2-HMAC-SHA256 (salt +
hash in the same byte[]), where the checked exceptions allow it (a method declaring only
NoSuchAlgorithmException catches the key-spec exception itself, its signature kept); other shapes are
left alone; the fix passes the real verifier and (where a JDK is installed) compiles and checks a password."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.fixers import java_passwords
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

REGISTER = (
    "package com.acme;\n\nimport java.nio.charset.StandardCharsets;\nimport java.security.MessageDigest;\n"
    "import java.security.NoSuchAlgorithmException;\n\npublic class Register {\n"
    "    public static byte[] store(String password) {\n        try {\n"
    '            MessageDigest md = MessageDigest.getInstance("MD5");\n'
    "            byte[] stored = md.digest(password.getBytes(StandardCharsets.UTF_8));\n"
    "            return stored;\n        } catch (NoSuchAlgorithmException e) {\n"
    "            throw new IllegalStateException(e);\n        }\n    }\n}\n"
)
PBKDF2 = (
    "            byte[] salt = new byte[16];\n            new java.security.SecureRandom().nextBytes(salt);\n"
    '            byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")\n'
    "                    .generateSecret(new javax.crypto.spec.PBEKeySpec("
    "password.toCharArray(), salt, 600_000, 256))"
    ".getEncoded();\n"
    "            byte[] stored = java.nio.ByteBuffer.allocate(salt.length + hash.length).put(salt).put(hash)"
    ".array();\n"
)
PATH = "src/main/java/com/acme/Register.java"


def _fix(text: str) -> str | None:
    sf = new_file(text, PATH)
    return fixed_text(sf, finding_at(sf, "MessageDigest md", "weak-crypto"))


def test_a_fast_digest_in_a_try_becomes_pbkdf2_and_the_catch_widens():
    expected = REGISTER.replace(
        '            MessageDigest md = MessageDigest.getInstance("MD5");\n'
        "            byte[] stored = md.digest(password.getBytes(StandardCharsets.UTF_8));\n",
        PBKDF2,
    ).replace("catch (NoSuchAlgorithmException e)", "catch (java.security.GeneralSecurityException e)")
    assert _fix(REGISTER) == expected


def test_a_method_that_throws_exception_keeps_its_catch_free_shape_and_imports_are_used():
    text = (
        "import java.nio.ByteBuffer;\nimport java.security.*;\nimport javax.crypto.SecretKeyFactory;\n"
        "import javax.crypto.spec.PBEKeySpec;\n\nclass A {\n"
        "    byte[] h(String newPassword) throws Exception {\n"
        '        MessageDigest md = MessageDigest.getInstance("SHA-256");\n'
        "        byte[] out = md.digest(newPassword.getBytes());\n"
        "        return out;\n    }\n}\n"
    )
    out = _fix(text)
    assert out is not None
    assert "new SecureRandom().nextBytes(salt);" in out and "SecretKeyFactory.getInstance(" in out
    assert "new PBEKeySpec(newPassword.toCharArray(), salt, 600_000, 256)" in out
    assert "byte[] out = ByteBuffer.allocate(" in out and "throws Exception" in out


@pytest.mark.parametrize(
    "change",
    [
        (
            "public static byte[] store(String password) {\n        try {",
            "public static byte[] store(String password) throws NoSuchAlgorithmException {\n        {",
        ),
        ("password.getBytes", "token.getBytes"),  # not a password: an HMAC's job
        (
            "            return stored;\n",
            "            md.reset();\n            return stored;\n",
        ),  # md used again
        ("catch (NoSuchAlgorithmException e)", "catch (NoSuchAlgorithmException | RuntimeException e)"),
        ('"MD5"', '"SHA3-256"'),  # not in the list of fast digests this fixer knows
    ],
)
def test_shapes_left_alone(change):
    text = REGISTER.replace(*change).replace("store(String password)", "store(String password, String token)")
    assert _fix(text) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(REGISTER.replace("Register", "PasswordRegister"), PATH)
    verdicts = verify_all([(sf, finding_at(sf, "MessageDigest md", "weak-crypto"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


@pytest.mark.skipif(shutil.which("javac") is None or shutil.which("java") is None, reason="no JDK")
def test_the_fixed_class_compiles_and_the_described_check_works(tmp_path):
    out = _fix(REGISTER)
    assert out is not None
    src = tmp_path / "src"
    (src / "com/acme").mkdir(parents=True)
    (src / "com/acme/Register.java").write_text(out, encoding="utf-8")
    (src / "Probe.java").write_text(
        "import java.util.Arrays;\nimport javax.crypto.SecretKeyFactory;\n"
        "import javax.crypto.spec.PBEKeySpec;\n"
        "public class Probe {\n  static boolean check(byte[] stored, String attempt) throws Exception {\n"
        "    byte[] salt = Arrays.copyOfRange(stored, 0, 16);\n"
        '    byte[] got = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")\n'
        "        .generateSecret(new PBEKeySpec(attempt.toCharArray(), salt, 600_000, 256)).getEncoded();\n"
        "    byte[] want = Arrays.copyOfRange(stored, 16, stored.length);\n"
        "    return java.security.MessageDigest.isEqual(got, want);\n  }\n"
        "  public static void main(String[] a) throws Exception {\n"
        '    byte[] s = com.acme.Register.store("hunter2");\n'
        '    System.out.println(s.length + " " + check(s, "hunter2") + " " + check(s, "hunter3"));\n  }\n}\n',
        encoding="utf-8",
    )
    classes = tmp_path / "classes"
    files = [str(src / "com/acme/Register.java"), str(src / "Probe.java")]
    subprocess.run(["javac", "-d", str(classes), *files], check=True, capture_output=True, timeout=300)
    run = subprocess.run(
        ["java", "-cp", str(classes), "Probe"], check=True, capture_output=True, text=True, timeout=300
    )
    assert run.stdout.split() == ["48", "true", "false"]


HASHER = (
    Path(__file__).resolve().parents[1]
    / "corpus/java-weak-crypto-vuln-1/after/src/main/java/com/acme/auth/PasswordHasher.java"
).read_text(encoding="utf-8")
HASHER_PATH = "src/main/java/com/acme/auth/PasswordHasher.java"


def test_a_method_declaring_only_no_such_algorithm_catches_the_key_spec_exception_itself():
    sf = new_file(HASHER, HASHER_PATH)
    out = fixed_text(sf, finding_at(sf, "MessageDigest md", "weak-crypto"))
    assert out is not None
    assert "public String hashPassword(String password) throws NoSuchAlgorithmException {" in out
    rows = [row.strip() for row in out.splitlines()]
    at = rows.index("byte[] hash;")
    assert rows[at : at + 7] == [
        "byte[] hash;",
        "try {",
        'hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")',
        ".generateSecret(new javax.crypto.spec.PBEKeySpec(password.toCharArray(), salt, 600_000, 256))"
        ".getEncoded();",
        "} catch (java.security.spec.InvalidKeySpecException e) {",
        'throw new IllegalStateException("PBKDF2 refused its own key spec", e);',
        "}",
    ]
    assert out.splitlines()[-3] == "        return HexFormat.of().formatHex(digest);"


def test_the_wrapped_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(HASHER, HASHER_PATH)
    verdicts = verify_all([(sf, finding_at(sf, "MessageDigest md", "weak-crypto"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


@pytest.mark.skipif(shutil.which("javac") is None, reason="no JDK")
def test_the_wrapped_fix_compiles_with_the_methods_own_signature(tmp_path):
    sf = new_file(HASHER, HASHER_PATH)
    out = fixed_text(sf, finding_at(sf, "MessageDigest md", "weak-crypto"))
    src = tmp_path / "src" / "com" / "acme" / "auth"
    src.mkdir(parents=True)
    (src / "PasswordHasher.java").write_text(out, encoding="utf-8")
    caller = (
        "package com.acme.auth;\npublic class Caller {\n"
        "  static String go() throws java.security.NoSuchAlgorithmException {\n"
        '    return new PasswordHasher().hashPassword("hunter2");\n  }\n}\n'
    )  # a caller written for the old signature compiles unchanged
    (src / "Caller.java").write_text(caller, encoding="utf-8")
    files = [str(src / "PasswordHasher.java"), str(src / "Caller.java")]
    subprocess.run(["javac", "-d", str(tmp_path / "c"), *files], check=True, capture_output=True, timeout=300)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="passwordPWD_.()\"'\\ ;{}+", min_size=1, max_size=20))
def test_hostile_password_expressions_never_raise_and_only_a_name_is_hashed(expression):
    text = HASHER.replace("password.getBytes", f"{expression}.getBytes")
    sf = new_file(text, HASHER_PATH)
    if not any("MessageDigest md" in row for row in sf.lines):
        return
    out = java_passwords.propose(finding_at(sf, "MessageDigest md", "weak-crypto"), sf)
    if out is None or out.replacement is None:
        return
    assert f"new javax.crypto.spec.PBEKeySpec({expression}.toCharArray()" in out.replacement
    assert all(c.isalnum() or c in "_." for c in expression)
