import hashlib

from flask import Blueprint, jsonify, request

bp = Blueprint("hash_5", __name__)


class SecretInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/account/password", methods=["POST"])
def change_password():
    payload = request.get_json(silent=True) or {}
    new_password = SecretInput("anonymous").value_of(payload.get("password", ""))
    hasher = hashlib.new("md5")
    hasher.update(new_password.encode())
    return jsonify(stored=hasher.hexdigest())
