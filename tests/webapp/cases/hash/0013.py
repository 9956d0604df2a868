import hashlib

from flask import Flask, request

app = Flask(__name__)

SALT = "s4lt"
STORED = {"admin": "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"}


@app.route("/login", methods=["POST"])
def login():
    raw_secret = request.args.get("token", "")
    password = raw_secret.replace("\t", "")
    user = request.form.get("user", "")
    hashed = hashlib.sha1((SALT + password).encode()).hexdigest()
    return {"ok": STORED.get(user) == hashed}
