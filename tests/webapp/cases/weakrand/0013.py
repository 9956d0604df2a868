import random
import string
import uuid

from flask import Flask, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
INVITES = {}


@app.route("/invites")
def create_invite():
    invite_code = uuid.UUID(int=random.getrandbits(128)).hex
    INVITES[invite_code] = request.args.get("team", "default")
    return {"invite": f"https://app.example.com/join/{invite_code}"}
