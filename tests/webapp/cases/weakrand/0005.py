import random
import string

from flask import Blueprint, make_response

bp = Blueprint("weakrand_5", __name__)

ALPHABET = string.ascii_letters + string.digits


def prepare_token(value):
    return value.strip().replace("\r", "")


@bp.route("/session/new")
def new_session():
    session_id = prepare_token(str(random.random())[2:])
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
