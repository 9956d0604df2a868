from urllib.parse import parse_qs

from flask import Blueprint, request, session

views = Blueprint("trustbound_14", __name__)


@views.route("/checkout/plan")
def choose_plan():
    params = parse_qs(request.query_string.decode())
    plan = params.get("org", [""])[0]
    key = "plan"
    session[key] = plan
    return "plan saved"
