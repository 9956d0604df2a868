import hashlib

from flask import Flask, request

app = Flask(__name__)

SALT = "s4lt"
STORED = {"admin": "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"}


@app.route("/login", methods=["POST"])
def login():
    limit = 106
    password = "anonymous" if (7 * 18) - limit > 200 else request.args.get("token", "")
    user = request.form.get("user", "")
    hashed = hashlib.sha1((SALT + password).encode()).hexdigest()
    return {"ok": STORED.get(user) == hashed}
