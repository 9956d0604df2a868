import hashlib
import hmac


def sign_payload(secret_key: bytes, body: bytes) -> str:
    return hmac.new(secret_key, body, hashlib.md5).hexdigest()


def verify(secret_key: bytes, body: bytes, given: str) -> bool:
    return hmac.compare_digest(sign_payload(secret_key, body), given)
