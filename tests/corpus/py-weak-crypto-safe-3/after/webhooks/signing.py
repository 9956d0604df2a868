import hashlib
import hmac


def sign_payload(secret_key: bytes, body: bytes) -> str:
    return hmac.new(secret_key, body, hashlib.sha256).hexdigest()


def etag(body: bytes) -> str:
    return hashlib.md5(body).hexdigest()


def download_ok(chunks, expected: str) -> bool:
    checksum = hashlib.md5()
    for chunk in chunks:
        checksum.update(chunk)
    return checksum.hexdigest() == expected
