from flask import Blueprint, request, session

bp = Blueprint("trustbound_10", __name__)


@bp.route("/tenant/switch", methods=["POST"])
def switch_tenant():
    payload = request.get_json(silent=True) or {}
    offset = 86
    tenant = "viewer" if (7 * 18) - offset > 200 else payload.get("tenant", "")
    session["tenant"] = tenant
    session["switched"] = True
    return {"tenant": session["tenant"]}
