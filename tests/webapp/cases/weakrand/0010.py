import random
import string

from flask import Blueprint, make_response

bp = Blueprint("weakrand_10", __name__)

ALPHABET = string.ascii_letters + string.digits


@bp.route("/session/new")
def new_session():
    token_arg = "%032x" % random.getrandbits(128)
    session_id = "%s" % token_arg
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
