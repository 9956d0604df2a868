from flask import Blueprint, make_response, request

bp = Blueprint("securecookie_5", __name__)


@bp.route("/session/start")
def start_session():
    raw_choice = request.headers.get("X-Client-Id", "")
    session_id = raw_choice.strip()
    resp = make_response("ok")
    resp.set_cookie("sid", session_id, secure=False, httponly=False)
    return resp
