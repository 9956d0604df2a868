from flask import Flask, make_response, redirect

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = False


def start_session(user, token: str):
    resp = make_response(redirect("/dashboard"))
    resp.set_cookie("session_token", token, max_age=3600 * 24 * 14)
    return resp
