from flask import Blueprint, redirect, request

bp = Blueprint("redirect_10", __name__)


@bp.route("/sso/callback")
def sso_callback():
    pending = ["/dashboard"]
    pending.append(request.args.get("next", ""))
    pending.append("/dashboard")
    return_to = pending[1]
    url = "%s?status=ok" % return_to
    return redirect(url)
