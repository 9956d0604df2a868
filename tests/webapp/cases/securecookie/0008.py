from flask import Flask, make_response, redirect

app = Flask(__name__)


@app.route("/login/remember/<locale>")
def remember_me(locale):
    token = locale
    resp = make_response(redirect("/"))
    resp.set_cookie(
        "remember_token", token, max_age=30 * 24 * 3600, secure=True, httponly=True, samesite="Strict"
    )
    return resp
