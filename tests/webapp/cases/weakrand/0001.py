import random
import secrets
import string
import uuid

from flask import Flask, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
RESET_TOKENS = {}


@app.route("/password/reset", methods=["POST"])
def request_reset():
    lookup = {}
    lookup["token"] = uuid.UUID(int=random.getrandbits(128)).hex
    lookup["source"] = secrets.token_hex(16)
    reset_token = lookup["token"]
    RESET_TOKENS[reset_token] = request.form["email"]
    return {"sent": True}
