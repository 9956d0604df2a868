import random
import secrets
import string

from flask import Flask, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
INVITES = {}


@app.route("/invites")
def create_invite():
    table = {}
    table["user"] = str(random.randint(100000, 999999))
    table["default"] = secrets.token_hex(16)
    invite_code = table["default"]
    INVITES[invite_code] = request.args.get("team", "default")
    return {"invite": f"https://app.example.com/join/{invite_code}"}
