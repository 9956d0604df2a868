"""PyJWT fixer (issue 12): a decode that skips the signature check becomes a verified decode with the
key and algorithm the file itself signs with or declares; without both in sight it stays advice. The
fix passes the real verifier."""

from __future__ import annotations

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

SIGNS = (
    "import os\n\nimport jwt\n\nSECRET = os.environ['JWT_KEY']\n\n\ndef issue(uid):\n"
    "    return jwt.encode({'sub': uid}, SECRET, algorithm='HS256')\n\n\n"
    "def read(token):\n    claims = jwt.decode(token, options={'verify_signature': False})  # trusted\n"
    "    return claims['sub']\n"
)


def test_an_unverified_decode_uses_the_key_and_algorithm_the_file_signs_with():
    sf = new_file(SIGNS, "api/auth.py")
    out = fixed_text(sf, finding_at(sf, "jwt.decode", "jwt-verification"))
    assert out == SIGNS.replace(
        "jwt.decode(token, options={'verify_signature': False})",
        'jwt.decode(token, SECRET, algorithms=["HS256"])',
    )


def test_a_key_in_the_call_and_a_declared_algorithm_are_kept():
    text = (
        "import jwt\n\n\ndef read(token, key):\n    return jwt.decode(\n        token,\n        key,\n"
        "        algorithms=['RS256'],\n        verify=False,\n        audience='api',\n    )\n"
    )
    sf = new_file(text, "a.py")
    out = fixed_text(sf, finding_at(sf, "return jwt.decode", "jwt-verification", end_needle=")"))
    assert out == (
        "import jwt\n\n\ndef read(token, key):\n"
        "    return jwt.decode(token, key, algorithms=[\"RS256\"], audience='api')\n"
    )


def test_without_a_key_or_an_algorithm_in_sight_it_stays_advice():
    no_key = (
        "import jwt\n\n\ndef read(token):\n"
        "    return jwt.decode(token, options={'verify_signature': False})\n"
    )
    sf = new_file(no_key, "a.py")
    assert fixed_text(sf, finding_at(sf, "jwt.decode", "jwt-verification")) is None
    no_alg = "import jwt\n\n\ndef read(token, key):\n    return jwt.decode(token, key, verify=False)\n"
    sf = new_file(no_alg, "a.py")
    assert fixed_text(sf, finding_at(sf, "jwt.decode", "jwt-verification")) is None
    none_alg = SIGNS.replace("algorithm='HS256'", "algorithm='none'")
    sf = new_file(none_alg, "a.py")
    assert fixed_text(sf, finding_at(sf, "jwt.decode", "jwt-verification")) is None
    more = SIGNS.replace("{'verify_signature': False}", "{'verify_signature': False, 'verify_exp': False}")
    sf = new_file(more, "a.py")
    assert fixed_text(sf, finding_at(sf, "jwt.decode", "jwt-verification")) is None


def test_the_fix_passes_verification(tmp_path):
    sf = new_file(SIGNS, "api/auth.py")
    verdicts = verify_all([(sf, finding_at(sf, "jwt.decode", "jwt-verification"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]
