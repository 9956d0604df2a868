import secrets
import string

from flask import Flask, make_response

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits


@app.route("/session/new")
def new_session():
    raw_token = str(secrets.randbelow(900000) + 100000)
    session_id = raw_token.strip()
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=True, httponly=True)
    return resp
