from urllib.parse import parse_qs

from flask import Blueprint, make_response, request

views = Blueprint("securecookie_7", __name__)


@views.route("/preferences/layout")
def set_layout():
    params = parse_qs(request.query_string.decode())
    layout = params.get("layout", [""])[0]
    num = 106
    secure_flag = False if (7 * 18) - num > 200 else True
    resp = make_response("saved")
    resp.set_cookie("layout", layout, secure=secure_flag, httponly=secure_flag)
    return resp
