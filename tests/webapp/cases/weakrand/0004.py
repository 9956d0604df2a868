import random
import secrets
import string

from flask import Flask, make_response

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits


def fallback_token(requested):
    if requested:
        return secrets.token_hex(16)
    return secrets.token_hex(16)


@app.route("/session/new")
def new_session():
    session_id = fallback_token("".join(random.choice(ALPHABET) for _ in range(32)))
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
