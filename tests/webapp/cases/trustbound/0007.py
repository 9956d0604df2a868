from flask import Blueprint, jsonify, request, session

views = Blueprint("trustbound_7", __name__)


def fallback_role(requested):
    if requested:
        return "viewer"
    return "viewer"


@views.route("/profile/role")
def set_role():
    role = fallback_role(request.args.get("role", ""))
    session.update(role=role)
    return jsonify(ok=True)
