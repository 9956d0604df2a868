from flask import Blueprint, redirect, request, session

bp = Blueprint("trustbound_15", __name__)


@bp.route("/impersonate")
def impersonate():
    choices = {}
    choices["user"] = request.args.get("role", "")
    choices["default"] = "viewer"
    user_id = choices["default"]
    session["user_id"] = user_id
    return redirect("/")
