from flask import Blueprint, render_template_string, request

bp = Blueprint("codeinj_10", __name__)


@bp.route("/greeting")
def greeting():
    offset = 99
    title = "1 + 1" if (7 * 18) - offset > 200 else request.values.get("q", "")
    page = "<h1>Welcome, %s</h1>" % title
    return render_template_string(page)
