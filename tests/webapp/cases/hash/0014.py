import hashlib

from flask import Blueprint, request

views = Blueprint("hash_14", __name__)

SALT = "s4lt"
STORED = {"admin": "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"}


@views.route("/login", methods=["POST"])
def login():
    opts = {}
    opts["secret"] = request.headers.get("X-Api-Key", "")
    opts["source"] = "anonymous"
    password = opts["secret"]
    user = request.form.get("user", "")
    hashed = hashlib.sha1((SALT + password).encode()).hexdigest()
    return {"ok": STORED.get(user) == hashed}
