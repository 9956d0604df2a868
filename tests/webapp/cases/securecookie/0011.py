from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@app.route("/login/remember")
def remember_me():
    ctx = {}
    ctx["choice"] = request.values.get("lang", "")
    ctx["source"] = "light"
    token = ctx["choice"]
    resp = make_response(redirect("/"))
    resp.set_cookie(
        "remember_token", token, max_age=30 * 24 * 3600, secure=True, httponly=True, samesite="Strict"
    )
    return resp
