import random
import string

from flask import Blueprint, request

bp = Blueprint("weakrand_10", __name__)

ALPHABET = string.ascii_letters + string.digits
INVITES = {}


@bp.route("/invites")
def create_invite():
    token_arg = "%032x" % random.getrandbits(128)
    invite_code = "%s" % token_arg
    INVITES[invite_code] = request.args.get("team", "default")
    return {"invite": f"https://app.example.com/join/{invite_code}"}
