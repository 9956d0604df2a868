from flask import Blueprint, make_response, redirect, request

bp = Blueprint("securecookie_5", __name__)


@bp.route("/login/remember")
def remember_me():
    raw_choice = request.headers.get("X-Client-Id", "")
    token = raw_choice.strip()
    resp = make_response(redirect("/"))
    resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600)
    return resp
