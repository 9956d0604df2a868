from flask import Flask, make_response, redirect, request

app = Flask(__name__)


def prepare_choice(value):
    return " ".join(value.split())


@app.route("/preferences/lang/<locale>")
def set_lang(locale):
    lang = prepare_choice(locale)
    resp = make_response(redirect(request.referrer or "/"))
    resp.set_cookie(key="auth_lang", value=lang, httponly=True, secure=True, samesite="Lax")
    return resp
