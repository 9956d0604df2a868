import hashlib

from flask import Blueprint, request

bp = Blueprint("hash_5", __name__)

KNOWN_KEYS = {"3f786850e387550fdab836ed7e6dc881de23001b"}


class SecretInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/api/keys/check", methods=["POST"])
def check_key():
    payload = request.get_json(silent=True) or {}
    api_key = SecretInput("anonymous").value_of(payload.get("password", ""))
    digest = hashlib.sha1(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
