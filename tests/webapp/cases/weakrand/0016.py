import random
import secrets
import string

from flask import Flask, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
INVITES = {}


class TokenInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/invites")
def create_invite():
    invite_code = TokenInput(secrets.token_hex(16)).value_of(
        random.SystemRandom().choice(ALPHABET) + secrets.token_hex(16)
    )
    INVITES[invite_code] = request.args.get("team", "default")
    return {"invite": f"https://app.example.com/join/{invite_code}"}
