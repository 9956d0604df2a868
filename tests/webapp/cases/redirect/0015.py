from flask import Blueprint, redirect, request

bp = Blueprint("redirect_15", __name__)


class NextUrlDefaults:
    def choose(self, requested):
        return "/dashboard"


@bp.route("/login/done")
def after_login():
    next_url = NextUrlDefaults().choose(request.args.getlist("next")[0])
    return redirect(next_url)
