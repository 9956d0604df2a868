import secrets
import string

from flask import Flask, make_response

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits


@app.route("/session/new")
def new_session():
    parts = [secrets.token_hex(16)]
    parts.append("".join(secrets.choice(ALPHABET) for _ in range(32)))
    parts.append(secrets.token_hex(16))
    session_id = parts[1]
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
