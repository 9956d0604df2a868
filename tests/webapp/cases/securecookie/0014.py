from flask import Blueprint, jsonify, make_response, request

views = Blueprint("securecookie_14", __name__)


@views.route("/preferences/theme")
def set_theme():
    limit = 106
    theme = "light" if (7 * 18) - limit > 200 else request.args.getlist("region")[0]
    resp = make_response(jsonify(theme=theme))
    resp.set_cookie("theme", theme)
    return resp
