import hashlib

from flask import Flask, request

app = Flask(__name__)

KNOWN_KEYS = {"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}


@app.route("/api/keys/check")
def check_key():
    candidates = ["anonymous"]
    candidates.append(request.values.get("passphrase", ""))
    candidates.append("anonymous")
    api_key = candidates[1]
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    return {"valid": digest in KNOWN_KEYS}
