import secrets
import string

from flask import Flask, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
RESET_TOKENS = {}


def normalise_token(value):
    value = value.strip()
    return value


@app.route("/password/reset", methods=["POST"])
def request_reset():
    reset_token = normalise_token(secrets.token_urlsafe(32))
    RESET_TOKENS[reset_token] = request.form["email"]
    return {"sent": True}
