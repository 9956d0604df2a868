"""The Go DES fixer: des.NewCipher / des.NewTripleDESCipher -> aes.NewCipher with the import swapped in the
same suggestion; other uses of the package, aliased imports and imports out of reach are left alone;
the fix passes the real verifier."""

from __future__ import annotations

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

VAULT = (
    'package vault\n\nimport (\n\t"crypto/cipher"\n\t"crypto/des"\n)\n\n'
    "func newBlock(key []byte) (cipher.Block, error) {\n\treturn des.NewCipher(key)\n}\n"
)


def test_des_becomes_aes_and_the_import_follows():
    sf = new_file(VAULT, "internal/vault/cipher.go")
    out = fixed_text(sf, finding_at(sf, "des.NewCipher", "weak-crypto"))
    assert out == VAULT.replace('"crypto/des"', '"crypto/aes"').replace("des.NewCipher", "aes.NewCipher")


def test_triple_des_too_and_an_existing_aes_import_is_reused():
    text = VAULT.replace('\t"crypto/cipher"\n', '\t"crypto/aes"\n\t"crypto/cipher"\n').replace(
        "des.NewCipher", "des.NewTripleDESCipher"
    )
    sf = new_file(text, "internal/vault/cipher.go")
    out = fixed_text(sf, finding_at(sf, "des.NewTripleDESCipher", "weak-crypto"))
    assert out == text.replace('\t"crypto/des"\n', "").replace("des.NewTripleDESCipher", "aes.NewCipher")


PAD = "// " + "\n// ".join(["notes"] * 14) + "\n"


@pytest.mark.parametrize(
    "change",
    [
        ("\treturn des.NewCipher(key)\n", "\t_ = des.BlockSize\n\treturn des.NewCipher(key)\n"),  # used again
        ('\t"crypto/des"\n', '\tlegacy "crypto/des"\n'),  # an aliased import
        ("func newBlock", PAD + "func newBlock"),  # the import out of the suggestion's reach
    ],
)
def test_shapes_left_alone(change):
    text = VAULT.replace(*change)
    sf = new_file(text, "internal/vault/cipher.go")
    assert fixed_text(sf, finding_at(sf, "des.NewCipher", "weak-crypto")) is None


def test_the_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(VAULT, "internal/vault/cipher.go")
    verdicts = verify_all([(sf, finding_at(sf, "des.NewCipher", "weak-crypto"))], tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, "")]
