import os

from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad

KEY = bytes.fromhex(os.environ["FIELD_KEY"])


def encrypt_ssn(ssn: str) -> bytes:
    cipher = AES.new(KEY, AES.MODE_ECB)
    return cipher.encrypt(pad(ssn.encode(), AES.block_size))


def encrypt_legacy(value: bytes) -> bytes:
    cipher = DES.new(KEY[:8], DES.MODE_CBC, iv=os.urandom(8))
    return cipher.iv + cipher.encrypt(pad(value, DES.block_size))
