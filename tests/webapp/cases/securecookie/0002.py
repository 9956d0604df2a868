from flask import Flask, make_response, redirect, request

app = Flask(__name__)


@app.route("/login/remember", methods=["POST"])
def remember_me():
    token = request.form["remember"]
    resp = make_response(redirect("/"))
    resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600)
    return resp
