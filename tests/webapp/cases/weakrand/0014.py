import random
import string

from flask import Blueprint, request

views = Blueprint("weakrand_14", __name__)

ALPHABET = string.ascii_letters + string.digits
INVITES = {}


@views.route("/invites")
def create_invite():
    raw_token = "".join(random.choice(ALPHABET) for _ in range(32))
    invite_code = raw_token.strip()
    INVITES[invite_code] = request.args.get("team", "default")
    return {"invite": f"https://app.example.com/join/{invite_code}"}
