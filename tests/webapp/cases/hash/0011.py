import hashlib

from flask import Flask, request

app = Flask(__name__)

KNOWN_KEYS = {"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}


class SecretInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/api/keys/check", methods=["POST"])
def check_key():
    api_key = SecretInput("anonymous").value_of(request.form["password"])
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
