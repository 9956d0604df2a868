"""Weak cryptography fixers (issue 12): an MD5/SHA-1 HMAC becomes HMAC-SHA256, an AES cipher in ECB
mode becomes GCM with the nonce and tag in its output, a password hash without a framework becomes a
salted scrypt in werkzeug's format, and ``random.random()`` drawn for a cookie becomes the OS CSPRNG,
followed back through the names that carry it. Each fix passes the real verifier."""

from __future__ import annotations

import hashlib

from werkzeug.security import check_password_hash

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

HMAC_MD5 = (
    "import hashlib\nimport hmac\n\n\ndef sign_payload(secret_key: bytes, body: bytes) -> str:\n"
    "    return hmac.new(secret_key, body, hashlib.md5).hexdigest()\n"
)
ECB = (
    "import os\n\nfrom Crypto.Cipher import AES\nfrom Crypto.Util.Padding import pad\n\n"
    'KEY = bytes.fromhex(os.environ["FIELD_KEY"])\n\n\ndef encrypt_ssn(ssn: str) -> bytes:\n'
    "    cipher = AES.new(KEY, AES.MODE_ECB)\n    return cipher.encrypt(pad(ssn.encode(), AES.block_size))\n"
)
PASSWORD = (
    "import hashlib\n\n\ndef set_password(user, password):\n"
    "    user.password_hash = hashlib.sha256(password.encode()).hexdigest()\n    user.save()\n"
)
COOKIE = (
    "import random\n\nfrom flask import make_response\n\n\ndef remember_me(user):\n"
    "    value = random.random()\n    key = str(value)[2:]\n    resp = make_response('hi')\n"
    "    resp.set_cookie('remember', key, secure=True, httponly=True)\n    return resp\n"
)


def test_an_md5_hmac_becomes_sha256_in_every_spelling():
    sf = new_file(HMAC_MD5, "hooks/sign.py")
    out = fixed_text(sf, finding_at(sf, "hmac.new", "weak-crypto"))
    assert out == HMAC_MD5.replace("hashlib.md5", "hashlib.sha256")
    for before, after in [
        ("hmac.new(k, m, digestmod=hashlib.sha1)", "hmac.new(k, m, digestmod=hashlib.sha256)"),
        ('hmac.digest(k, m, "md5")', 'hmac.digest(k, m, "sha256")'),
        (
            "hmac.new(\n        k,  # key\n        m, 'SHA1')",
            'hmac.new(\n        k,  # key\n        m, "sha256")',
        ),
    ]:
        text = f"import hashlib\nimport hmac\n\n\ndef s(k, m):\n    return {before}\n"
        sf = new_file(text, "s.py")
        assert fixed_text(sf, finding_at(sf, "hmac.", "weak-crypto", end_needle="m")) == text.replace(
            before, after
        )


def test_plain_digests_and_strong_hmacs_are_left_alone():
    cache = "import hashlib\n\n\ndef key(blob):\n    return 'p:' + hashlib.md5(blob.encode()).hexdigest()\n"
    sf = new_file(cache, "cdn/cache.py")
    assert fixed_text(sf, finding_at(sf, "hashlib.md5", "weak-crypto")) is None  # a cache key: advice
    strong = HMAC_MD5.replace("hashlib.md5", "hashlib.sha256")
    sf = new_file(strong, "hooks/sign.py")
    assert fixed_text(sf, finding_at(sf, "hmac.new", "weak-crypto")) is None
    shadowed = HMAC_MD5.replace("import hmac\n", "from mylib import hmac\n")
    sf = new_file(shadowed, "hooks/sign.py")
    assert fixed_text(sf, finding_at(sf, "hmac.new", "weak-crypto")) is None


def test_aes_ecb_becomes_gcm_with_nonce_and_tag_in_the_output():
    sf = new_file(ECB, "vault/fields.py")
    out = fixed_text(sf, finding_at(sf, "MODE_ECB", "weak-crypto"))
    assert out == ECB.replace(
        "    cipher = AES.new(KEY, AES.MODE_ECB)\n"
        "    return cipher.encrypt(pad(ssn.encode(), AES.block_size))\n",
        "    cipher = AES.new(KEY, AES.MODE_GCM)\n"
        "    ciphertext, tag = cipher.encrypt_and_digest(pad(ssn.encode(), AES.block_size))\n"
        "    return cipher.nonce + tag + ciphertext\n",
    )
    assigned = ECB.replace("    return cipher.encrypt(", "    out = cipher.encrypt(") + "    return out\n"
    sf = new_file(assigned, "vault/fields.py")
    fixed = fixed_text(sf, finding_at(sf, "MODE_ECB", "weak-crypto"))
    assert fixed is not None and "    out = cipher.nonce + tag + ciphertext\n    return out\n" in fixed


def test_an_ecb_cipher_used_twice_or_for_decryption_is_left_alone():
    twice = ECB + "\n\ndef decrypt(data):\n    c = AES.new(KEY, AES.MODE_ECB)\n    return c.decrypt(data)\n"
    sf = new_file(twice, "vault/fields.py")
    assert fixed_text(sf, finding_at(sf, "c = AES.new", "weak-crypto")) is None
    reused = ECB.replace("    return cipher.encrypt(", "    cipher.encrypt(b'x')\n    return cipher.encrypt(")
    sf = new_file(reused, "vault/fields.py")
    assert fixed_text(sf, finding_at(sf, "MODE_ECB", "weak-crypto")) is None


def test_a_password_without_a_framework_gets_a_salted_scrypt_that_werkzeug_checks():
    sf = new_file(PASSWORD, "app/accounts.py")
    out = fixed_text(sf, finding_at(sf, "hashlib.sha256", "weak-password-hash"))
    assert out is not None
    assert out.startswith("import hashlib\nimport secrets\n\n\ndef set_password(user, password):\n")
    assert "    salt = secrets.token_hex(16)\n    user.password_hash = " in out
    namespace: dict[str, object] = {}
    exec(compile(out, "accounts.py", "exec"), namespace)  # noqa: S102 - the fixed test source itself

    class User:
        password_hash = ""

        def save(self) -> None:
            pass

    user = User()
    namespace["set_password"](user, "correct horse")  # type: ignore[operator]
    assert user.password_hash.startswith("scrypt:32768:8:1$")
    assert check_password_hash(user.password_hash, "correct horse")
    assert not check_password_hash(user.password_hash, "wrong")
    assert user.password_hash != hashlib.sha256(b"correct horse").hexdigest()


def test_scrypt_is_not_written_where_salt_is_taken_or_the_statement_shares_its_line():
    taken = PASSWORD.replace("    user.save()\n", "    user.salt = salt\n    user.save()\n")
    taken = taken.replace("(user, password):\n", "(user, password, salt=1):\n")
    sf = new_file(taken, "app/accounts.py")
    assert fixed_text(sf, finding_at(sf, "hashlib.sha256", "weak-password-hash")) is None
    inline = "import hashlib\n\n\ndef h(password):\n    x = 1; return hashlib.md5(password).hexdigest()\n"
    sf = new_file(inline, "app/accounts.py")
    assert fixed_text(sf, finding_at(sf, "hashlib.md5", "weak-password-hash")) is None


def test_random_random_followed_back_from_the_cookie_becomes_the_os_csprng():
    sf = new_file(COOKIE, "account/remember.py")
    out = fixed_text(sf, finding_at(sf, "set_cookie", "insecure-randomness"))
    assert out == COOKIE.replace("import random\n", "import random\nimport secrets\n").replace(
        "random.random()", "secrets.SystemRandom().random()"
    )
    hops = "    value = random.random()\n    a = value\n    b = a\n"
    far = COOKIE.replace("    value = random.random()\n", hops)
    far = far.replace("key = str(value)", "key = str(b)")
    sf = new_file(far, "account/remember.py")
    assert fixed_text(sf, finding_at(sf, "set_cookie", "insecure-randomness")) is None  # four hops


LEGACY = ECB + (
    "\n\ndef encrypt_legacy(value: bytes) -> bytes:\n"
    "    cipher = DES.new(KEY[:8], DES.MODE_CBC, iv=os.urandom(8))\n"
    "    return cipher.iv + cipher.encrypt(pad(value, DES.block_size))\n"
)


def test_a_legacy_cipher_keyed_with_a_slice_of_an_aes_key_becomes_aes_gcm():
    text = LEGACY.replace("import AES\n", "import AES, DES\n")
    sf = new_file(text, "vault/fields.py")
    out = fixed_text(sf, finding_at(sf, "DES.new", "weak-crypto"))
    assert out == text.replace(
        "    cipher = DES.new(KEY[:8], DES.MODE_CBC, iv=os.urandom(8))\n"
        "    return cipher.iv + cipher.encrypt(pad(value, DES.block_size))\n",
        "    cipher = AES.new(KEY, AES.MODE_GCM)\n"
        "    ciphertext, tag = cipher.encrypt_and_digest(pad(value, AES.block_size))\n"
        "    return cipher.nonce + tag + ciphertext\n",
    )


def test_a_legacy_cipher_whose_key_is_not_an_aes_key_in_the_file_stays_advice():
    text = LEGACY.replace("import AES\n", "import AES, DES\n")
    text = text.replace("AES.new(KEY, AES.MODE_ECB)", "AES.new(K2, AES.MODE_ECB)")
    sf = new_file(text, "vault/fields.py")
    assert fixed_text(sf, finding_at(sf, "DES.new", "weak-crypto")) is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for text, path, needle, category in [
        (HMAC_MD5, "hooks/sign.py", "hmac.new", "weak-crypto"),
        (ECB, "vault/fields.py", "MODE_ECB", "weak-crypto"),
        (PASSWORD, "app/accounts.py", "hashlib.sha256", "weak-password-hash"),
        (COOKIE, "account/remember.py", "set_cookie", "insecure-randomness"),
        (LEGACY.replace("import AES\n", "import AES, DES\n"), "vault/legacy.py", "DES.new", "weak-crypto"),
    ]:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path)] == ["", "", "", "", ""]
