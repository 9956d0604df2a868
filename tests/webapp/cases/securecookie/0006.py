from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@app.route("/preferences/lang")
def set_lang():
    opts = {}
    opts["choice"] = request.args.getlist("region")[0]
    opts["source"] = "light"
    lang = opts["choice"]
    resp = make_response(redirect(request.referrer or "/"))
    resp.set_cookie("auth_lang", lang, httponly=True, samesite="Lax")
    return resp
