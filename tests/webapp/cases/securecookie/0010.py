from flask import Blueprint, make_response, redirect, request

bp = Blueprint("securecookie_10", __name__)


def normalise_choice(value):
    return " ".join(value.split())


@bp.route("/login/remember", methods=["POST"])
def remember_me():
    token = normalise_choice(request.form["remember"])
    resp = make_response(redirect("/"))
    resp.set_cookie("remember_token", token, max_age=30 * 24 * 3600)
    return resp
