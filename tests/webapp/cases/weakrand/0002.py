import random
import secrets
import string

from flask import Flask, make_response

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits


@app.route("/session/new")
def new_session():
    pending = [secrets.token_hex(16)]
    pending.append("".join(random.choice(ALPHABET) for _ in range(32)))
    pending.append(secrets.token_hex(16))
    session_id = pending[1]
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
