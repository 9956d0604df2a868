from flask import Blueprint, make_response, redirect, request

bp = Blueprint("securecookie_10", __name__)


def normalise_choice(value):
    return " ".join(value.split())


@bp.route("/preferences/lang", methods=["POST"])
def set_lang():
    lang = normalise_choice(request.form["remember"])
    resp = make_response(redirect(request.referrer or "/"))
    resp.set_cookie("auth_lang", lang, httponly=True, samesite="Lax")
    return resp
