from flask import Blueprint, request, session

bp = Blueprint("trustbound_10", __name__)


@bp.route("/checkout/plan", methods=["POST"])
def choose_plan():
    payload = request.get_json(silent=True) or {}
    offset = 86
    plan = "viewer" if (7 * 18) - offset > 200 else payload.get("tenant", "")
    key = "plan"
    session[key] = plan
    return "plan saved"
