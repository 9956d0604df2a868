"""The Node AES-ECB fixer: encryption becomes AES-GCM with a random IV and the tag carried in the output,
decryption reads that layout back; other shapes are left alone; the fixes pass the real verifier, and
(where Node is installed) what the fixed encryption writes, the fixed decryption reads."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from bot.analysis import fixers
from bot.analysis.verify import apply_fix
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

FIELD = (
    "import crypto from 'crypto';\n\nconst KEY = Buffer.from(process.env.FIELD_KEY ?? '', 'hex');\n\n"
    "export function encryptField(plain: string): string {\n"
    "  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null);\n"
    "  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');\n}\n\n"
    "export function decryptField(encoded: string): string {\n"
    "  const decipher = crypto.createDecipheriv('aes-256-ecb', KEY, null);\n"
    "  return Buffer.concat([decipher.update(Buffer.from(encoded, 'base64')), decipher.final()])"
    ".toString('utf8');\n}\n"
)
ENCRYPTED = (
    "  const iv = crypto.randomBytes(12);\n  const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);\n"
    "  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);\n"
    "  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');\n"
)
DECRYPTED = (
    "  const raw = Buffer.from(encoded, 'base64');\n"
    "  const decipher = crypto.createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, 12));\n"
    "  decipher.setAuthTag(raw.subarray(12, 28));\n"
    "  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');\n"
)


def _body(text: str, start: str) -> str:
    lines = text.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith(start))
    end = next(i for i in range(at, len(lines)) if lines[i] == "}\n")
    return "".join(lines[at + 1 : end])


def test_encryption_becomes_gcm_with_iv_and_tag_in_the_output():
    sf = new_file(FIELD, "src/lib/fieldCrypto.ts")
    out = fixed_text(sf, finding_at(sf, "createCipheriv", "weak-crypto"))
    assert out is not None
    assert _body(out, "export function encryptField") == ENCRYPTED
    assert _body(out, "export function decryptField") == _body(FIELD, "export function decryptField")


def test_decryption_reads_the_gcm_layout():
    sf = new_file(FIELD, "src/lib/fieldCrypto.ts")
    out = fixed_text(sf, finding_at(sf, "createDecipheriv", "weak-crypto"))
    assert out is not None
    assert _body(out, "export function decryptField") == DECRYPTED


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # an assignment instead of a return, no output encoding, AES-128, a named require
            "  const c = nodeCrypto.createCipheriv('AES-128-ECB', k, '');\n"
            "  const out = Buffer.concat([c.update(data), c.final()]);\n  return out;\n",
            "  const iv = nodeCrypto.randomBytes(12);\n"
            "  const c = nodeCrypto.createCipheriv('aes-128-gcm', k, iv);\n"
            "  const sealed = Buffer.concat([c.update(data), c.final()]);\n"
            "  const out = Buffer.concat([iv, c.getAuthTag(), sealed]);\n  return out;\n",
        ),
        (  # the input encoding given to update becomes the Buffer's
            "  const d = nodeCrypto.createDecipheriv('aes-192-ecb', k, Buffer.alloc(0));\n"
            "  return Buffer.concat([d.update(data, 'hex'), d.final()]).toString();\n",
            "  const raw = Buffer.from(data, 'hex');\n"
            "  const d = nodeCrypto.createDecipheriv('aes-192-gcm', k, raw.subarray(0, 12));\n"
            "  d.setAuthTag(raw.subarray(12, 28));\n"
            "  return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString();\n",
        ),
    ],
)
def test_variants(body, expected):
    text = (
        f"const nodeCrypto = require('crypto');\n\nfunction f(k, data) {{\n{body}}}\n\nmodule.exports = f;\n"
    )
    sf = new_file(text, "lib/c.js")
    out = fixed_text(sf, finding_at(sf, "nodeCrypto.create", "weak-crypto"))
    assert out is not None
    assert _body(out, "function f") == expected


@pytest.mark.parametrize(
    "body",
    [
        # the cipher used again (streaming): the layout cannot be rewritten statement by statement
        "  const c = crypto.createCipheriv('aes-256-ecb', k, null);\n"
        "  const a = Buffer.concat([c.update(data), c.final()]);\n  c.setAutoPadding(false);\n  return a;\n",
        # output encodings on update/final: strings, not the Buffer.concat shape
        "  const c = crypto.createCipheriv('aes-256-ecb', k, null);\n"
        "  return c.update(data, 'utf8', 'hex') + c.final('hex');\n",
        # not ECB / not AES: another fixer's or advice
        "  const c = crypto.createCipheriv('des-ede3', k, null);\n"
        "  return Buffer.concat([c.update(data), c.final()]);\n",
        "  const c = crypto.createCipheriv('aes-256-cbc', k, iv);\n"
        "  return Buffer.concat([c.update(data), c.final()]);\n",
        # a name the rewrite needs is taken
        "  const iv = 1;\n  const c = crypto.createCipheriv('aes-256-ecb', k, null);\n"
        "  return Buffer.concat([c.update(data), c.final()]) + iv;\n",
        # three arguments to update on the decrypt side
        "  const d = crypto.createDecipheriv('aes-256-ecb', k, null);\n"
        "  return Buffer.concat([d.update(data, 'hex', 'utf8'), d.final()]);\n",
    ],
)
def test_shapes_left_alone(body):
    text = f"const crypto = require('crypto');\n\nfunction f(k, data, iv) {{\n{body}}}\n"
    sf = new_file(text, "lib/c.js")
    assert fixed_text(sf, finding_at(sf, "crypto.create", "weak-crypto")) is None


def test_the_fixes_pass_the_real_verifier(tmp_path):
    sf = new_file(FIELD, "src/lib/fieldCrypto.ts")
    pairs = [(sf, finding_at(sf, n, "weak-crypto")) for n in ("createCipheriv", "createDecipheriv")]
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == ["", ""]
    assert all(v.ok for v in verdicts)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_what_the_fixed_encryption_writes_the_fixed_decryption_reads(tmp_path):
    js = FIELD.replace("import crypto from 'crypto';", "const crypto = require('crypto');")
    js = js.replace("export function", "function").replace(": string", "")
    js = js.replace("process.env.FIELD_KEY ?? ''", "'11'.repeat(32)")
    for needle in ("createCipheriv", "createDecipheriv"):
        sf = new_file(js, "lib/field.js")
        fixed = fixers.propose(finding_at(sf, needle, "weak-crypto"), {sf.path: sf})
        js = apply_fix(js, fixed) or ""
    assert "ecb" not in js
    script = tmp_path / "field.js"
    probe = "const s = encryptField('4111 1111');\nconsole.log(s !== encryptField('4111 1111'));\n"
    script.write_text(js + "\n" + probe + "console.log(decryptField(s));\n", encoding="utf-8")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.splitlines() == ["true", "4111 1111"]  # a fresh IV each time, and it reads back
