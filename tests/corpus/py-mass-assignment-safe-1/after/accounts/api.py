from flask import Blueprint, jsonify, request

from accounts.models import User, db

bp = Blueprint("accounts", __name__)
EDITABLE = ("display_name", "email", "timezone")


@bp.route("/me", methods=["PATCH"])
def update_me():
    user = User.query.get_or_404(current_user_id())
    body = request.get_json()
    for key in EDITABLE:
        if key in body:
            setattr(user, key, str(body[key]))
    db.session.commit()
    return jsonify(user.to_dict())
