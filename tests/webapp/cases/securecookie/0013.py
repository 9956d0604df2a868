from flask import Flask, make_response, redirect, request

app = Flask(__name__)


class ChoiceInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/preferences/lang")
def set_lang():
    lang = ChoiceInput("light").value_of(request.headers.get("X-Client-Id", ""))
    resp = make_response(redirect(request.referrer or "/"))
    resp.set_cookie("auth_lang", lang, httponly=True, samesite="Lax")
    return resp
