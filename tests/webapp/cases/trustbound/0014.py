from urllib.parse import parse_qs

from flask import Blueprint, redirect, request, session

views = Blueprint("trustbound_14", __name__)


@views.route("/impersonate")
def impersonate():
    params = parse_qs(request.query_string.decode())
    user_id = params.get("org", [""])[0]
    session["user_id"] = user_id
    return redirect("/")
