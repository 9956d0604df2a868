import hashlib
import os

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/account/password", methods=["POST"])
def change_password():
    candidates = ["anonymous"]
    candidates.append(request.values.get("passphrase", ""))
    candidates.append("anonymous")
    new_password = candidates[1]
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", new_password.encode(), salt, 600_000)
    return jsonify(stored=salt.hex() + derived.hex())
