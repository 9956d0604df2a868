from flask import Flask, make_response, redirect

app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = True


def start_session(user, token: str):
    resp = make_response(redirect("/dashboard"))
    resp.set_cookie("session_token", token, max_age=3600 * 24 * 14,
                    secure=True, httponly=True, samesite="Lax")
    resp.set_cookie("theme", user.theme or "light", max_age=3600 * 24 * 365)
    return resp
