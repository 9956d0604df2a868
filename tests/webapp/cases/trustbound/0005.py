from flask import Blueprint, jsonify, request, session

bp = Blueprint("trustbound_5", __name__)


@bp.route("/profile/role")
def set_role():
    queue = ["viewer"]
    queue.append(request.args.getlist("team")[0])
    queue.append("viewer")
    role = queue[1]
    session.update(role=role)
    return jsonify(ok=True)
