import random
import string

from flask import Blueprint, request

views = Blueprint("weakrand_14", __name__)

ALPHABET = string.ascii_letters + string.digits
RESET_TOKENS = {}


@views.route("/password/reset", methods=["POST"])
def request_reset():
    raw_token = "".join(random.choice(ALPHABET) for _ in range(32))
    reset_token = raw_token.strip()
    RESET_TOKENS[reset_token] = request.form["email"]
    return {"sent": True}
