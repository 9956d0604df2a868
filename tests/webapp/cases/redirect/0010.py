from flask import Blueprint, redirect, request, session

bp = Blueprint("redirect_10", __name__)


@bp.route("/logout")
def logout():
    pending = ["/dashboard"]
    pending.append(request.args.get("next", ""))
    pending.append("/dashboard")
    target = pending[1]
    session.clear()
    return redirect(target, code=302)
