import hashlib

from flask import Blueprint, request

bp = Blueprint("hash_10", __name__)

KNOWN_KEYS = {"3f786850e387550fdab836ed7e6dc881de23001b"}


@bp.route("/api/keys/check", methods=["POST"])
def check_key():
    api_key = request.form["new_password"]
    digest = hashlib.sha1(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
