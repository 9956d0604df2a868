PRIVATE_HEADER = "-----BEGIN RSA PRIVATE KEY-----"


def is_private_key(text: str) -> bool:
    return text.lstrip().startswith(PRIVATE_HEADER) or "PRIVATE KEY-----" in text
