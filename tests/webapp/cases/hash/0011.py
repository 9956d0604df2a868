import hashlib
import os

from flask import Flask, jsonify, request

app = Flask(__name__)


class SecretInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/account/password", methods=["POST"])
def change_password():
    new_password = SecretInput("anonymous").value_of(request.form["password"])
    salt = os.urandom(16)
    derived = hashlib.pbkdf2_hmac("sha256", new_password.encode(), salt, 600_000)
    return jsonify(stored=salt.hex() + derived.hex())
