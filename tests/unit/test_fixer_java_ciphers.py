"""The Java ECB fixer: a DES/3DES/AES ECB cipher in a method already handed an unused IV becomes AES-GCM
with that IV (the DES key spec becomes AES); other shapes are left alone; the fix passes the real
verifier and (where a JDK is installed) compiles and round-trips."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

FIELD = (
    "package com.acme.crypto;\n\nimport javax.crypto.Cipher;\nimport javax.crypto.spec.GCMParameterSpec;\n"
    "import javax.crypto.spec.SecretKeySpec;\n\npublic class FieldEncryptor {\n"
    "    private final SecretKeySpec key;\n\n    public FieldEncryptor(byte[] rawKey) {\n"
    '        this.key = new SecretKeySpec(rawKey, "DES");\n    }\n\n'
    "    public byte[] encrypt(byte[] plain, byte[] iv) throws Exception {\n"
    '        Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");\n'
    "        cipher.init(Cipher.ENCRYPT_MODE, key);\n        return cipher.doFinal(plain);\n    }\n}\n"
)
PATH = "src/main/java/com/acme/crypto/FieldEncryptor.java"


def _fix(text: str) -> str | None:
    sf = new_file(text, PATH)
    return fixed_text(sf, finding_at(sf, "Cipher.getInstance", "weak-crypto"))


def test_des_ecb_becomes_aes_gcm_with_the_given_iv():
    assert _fix(FIELD) == (
        FIELD.replace('rawKey, "DES"', 'rawKey, "AES"')
        .replace('"DES/ECB/PKCS5Padding"', '"AES/GCM/NoPadding"')
        .replace("Cipher.ENCRYPT_MODE, key)", "Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv))")
    )


def test_aes_ecb_keeps_its_key_and_a_missing_import_is_qualified():
    text = FIELD.replace('"DES/ECB/PKCS5Padding"', '"AES/ECB/PKCS5Padding"').replace(
        'rawKey, "DES"', 'rawKey, "AES"'
    )
    text = text.replace("import javax.crypto.spec.GCMParameterSpec;\n", "").replace(
        "byte[] iv)", "byte[] nonce)"
    )
    out = _fix(text)
    assert out is not None
    assert "new javax.crypto.spec.GCMParameterSpec(128, nonce))" in out
    assert '"AES/GCM/NoPadding"' in out and 'rawKey, "AES"' in out


@pytest.mark.parametrize(
    "change",
    [
        ("byte[] iv)", "byte[] salt)"),  # no IV handed in
        ("return cipher.doFinal(plain);", "return cipher.doFinal(iv);"),  # the IV is already read
        ('"DES/ECB/PKCS5Padding"', '"DES/CBC/PKCS5Padding"'),  # not ECB: another fix (and an IV in use)
        ('"DES/ECB/PKCS5Padding"', '"RC4"'),
        ("cipher.init(Cipher.ENCRYPT_MODE, key);", "cipher.init(Cipher.ENCRYPT_MODE, key, random);"),
        (  # a decrypt method shares the DES key: both must change together
            "    }\n}\n",
            "    }\n\n    public byte[] open(byte[] c) throws Exception {\n"
            '        Cipher d = Cipher.getInstance("DES");\n        d.init(Cipher.DECRYPT_MODE, key);\n'
            "        return d.doFinal(c);\n    }\n}\n",
        ),
    ],
)
def test_shapes_left_alone(change):
    text = FIELD.replace(*change)
    assert text != FIELD
    assert _fix(text) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(FIELD, PATH)
    verdicts = verify_all([(sf, finding_at(sf, "Cipher.getInstance", "weak-crypto"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]


@pytest.mark.skipif(shutil.which("javac") is None or shutil.which("java") is None, reason="no JDK")
def test_the_fixed_class_compiles_and_round_trips(tmp_path):
    out = _fix(FIELD)
    assert out is not None
    src = tmp_path / "src"
    (src / "com/acme/crypto").mkdir(parents=True)
    (src / "com/acme/crypto/FieldEncryptor.java").write_text(out, encoding="utf-8")
    (src / "Probe.java").write_text(
        "import com.acme.crypto.FieldEncryptor;\nimport javax.crypto.Cipher;\n"
        "import javax.crypto.spec.GCMParameterSpec;\nimport javax.crypto.spec.SecretKeySpec;\n"
        "public class Probe {\n  public static void main(String[] a) throws Exception {\n"
        "    byte[] k = new byte[16], iv = new byte[12];\n"
        "    new java.security.SecureRandom().nextBytes(iv);\n"
        '    byte[] c = new FieldEncryptor(k).encrypt("4111".getBytes("UTF-8"), iv);\n'
        '    Cipher d = Cipher.getInstance("AES/GCM/NoPadding");\n'
        '    d.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, iv));\n'
        '    System.out.println(c.length + " " + new String(d.doFinal(c), "UTF-8"));\n'
        "    try { new FieldEncryptor(new byte[8]).encrypt(new byte[1], iv); }\n"
        "    catch (java.security.InvalidKeyException e) {\n"
        '      System.out.println("8-byte key refused");\n    }\n  }\n}\n',
        encoding="utf-8",
    )
    classes = tmp_path / "classes"
    files = [str(src / "com/acme/crypto/FieldEncryptor.java"), str(src / "Probe.java")]
    subprocess.run(["javac", "-d", str(classes), *files], check=True, capture_output=True, timeout=300)
    run = subprocess.run(
        ["java", "-cp", str(classes), "Probe"], check=True, capture_output=True, text=True, timeout=300
    )
    assert run.stdout.splitlines() == ["20 4111", "8-byte key refused"]  # 4 bytes + the 16-byte tag
