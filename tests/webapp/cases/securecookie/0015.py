from urllib.parse import parse_qs

from flask import Blueprint, jsonify, make_response, request

bp = Blueprint("securecookie_15", __name__)


class CookiePolicy:
    secure = True
    httponly = True


@bp.route("/preferences/currency")
def set_currency():
    params = parse_qs(request.query_string.decode())
    currency = params.get("layout", [""])[0]
    policy = CookiePolicy()
    resp = make_response(jsonify(currency=currency))
    resp.set_cookie("currency", currency, secure=policy.secure, httponly=policy.httponly)
    return resp
