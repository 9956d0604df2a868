from flask import Blueprint, jsonify, request

from accounts.models import User, db

bp = Blueprint("accounts", __name__)


@bp.route("/me", methods=["PATCH"])
def update_me():
    user = User.query.get_or_404(current_user_id())
    for key, value in request.get_json().items():
        setattr(user, key, value)
    db.session.commit()
    return jsonify(user.to_dict())
