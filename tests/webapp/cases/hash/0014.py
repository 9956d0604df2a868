import hashlib

from flask import Blueprint, request

views = Blueprint("hash_14", __name__)

USERS = {}


@views.route("/register", methods=["POST"])
def register():
    opts = {}
    opts["secret"] = request.headers.get("X-Api-Key", "")
    opts["source"] = "anonymous"
    password = opts["secret"]
    username = request.form.get("username", "")
    USERS[username] = hashlib.md5(password.encode()).hexdigest()
    return {"created": username}, 201
