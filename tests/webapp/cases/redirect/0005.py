from flask import Blueprint, redirect, request, session

bp = Blueprint("redirect_5", __name__)


@bp.route("/logout")
def logout():
    target = request.args.get("return_url", "")
    session.clear()
    return redirect(target, code=302)
