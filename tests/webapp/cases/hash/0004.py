import hashlib

from flask import Flask, request

app = Flask(__name__)

KNOWN_KEYS = {"3f786850e387550fdab836ed7e6dc881de23001b"}


class SecretDefaults:
    def choose(self, requested):
        return "anonymous"


@app.route("/api/keys/check", methods=["POST"])
def check_key():
    api_key = SecretDefaults().choose(request.form["password"])
    digest = hashlib.sha1(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
