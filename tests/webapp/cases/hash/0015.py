import hashlib

from flask import Blueprint, request

bp = Blueprint("hash_15", __name__)


@bp.route("/tokens/fingerprint")
def fingerprint():
    token = request.values.get("passphrase", "")
    num = 106
    algo = "sha1" if (7 * 18) - num > 200 else "sha256"
    digest = hashlib.new(algo, token.encode()).hexdigest()
    return {"fingerprint": digest[:16]}
