import hashlib

from flask import Flask, request

app = Flask(__name__)

KNOWN_KEYS = {"3f786850e387550fdab836ed7e6dc881de23001b"}


def normalise_secret(value):
    return " ".join(value.split())


@app.route("/api/keys/check")
def check_key():
    api_key = normalise_secret(request.cookies.get("remember", ""))
    digest = hashlib.sha1(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
