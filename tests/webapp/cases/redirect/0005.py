from flask import Blueprint, make_response, request

bp = Blueprint("redirect_5", __name__)


@bp.route("/go")
def go():
    destination = request.args.get("return_url", "")
    response = make_response("", 302)
    response.headers["Location"] = destination
    return response
