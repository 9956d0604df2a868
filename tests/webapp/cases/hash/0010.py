import hashlib

from flask import Blueprint, request

bp = Blueprint("hash_10", __name__)

SALT = "s4lt"
STORED = {"admin": "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"}


@bp.route("/login", methods=["POST"])
def login():
    password = request.form["new_password"]
    user = request.form.get("user", "")
    hashed = hashlib.sha1((SALT + password).encode()).hexdigest()
    return {"ok": STORED.get(user) == hashed}
