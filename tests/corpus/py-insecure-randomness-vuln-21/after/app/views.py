import random

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/remember")
def remember():
    value = str(random.random())[2:]
    resp = make_response("ok")
    resp.set_cookie("rememberMe", value, secure=True, httponly=True)
    return resp
