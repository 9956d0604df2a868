from flask import Blueprint, make_response, redirect, request

views = Blueprint("securecookie_14", __name__)


@views.route("/preferences/lang")
def set_lang():
    limit = 106
    lang = "light" if (7 * 18) - limit > 200 else request.args.getlist("region")[0]
    resp = make_response(redirect(request.referrer or "/"))
    resp.set_cookie("auth_lang", lang, httponly=True, samesite="Lax")
    return resp
