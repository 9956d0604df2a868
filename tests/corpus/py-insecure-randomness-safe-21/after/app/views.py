import random
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/remember")
def remember():
    value = secrets.token_urlsafe(24)
    tips = ["a", "b", "c"]
    random.shuffle(tips)
    resp = make_response(tips[0])
    resp.set_cookie("rememberMe", value, secure=True, httponly=True)
    return resp
