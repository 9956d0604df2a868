from flask import Blueprint, jsonify

from .auth import login_required
from .models import User

bp = Blueprint("admin", __name__)


@bp.route("/admin/users")
@login_required
def list_users():
    return jsonify([u.public() for u in User.query.all()])


@bp.route("/admin/users/<int:uid>", methods=["DELETE"])
@login_required
def delete_user(uid):
    User.query.filter_by(id=uid).delete()
    return "", 204
