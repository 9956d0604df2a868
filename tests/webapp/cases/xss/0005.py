from flask import Blueprint, make_response

bp = Blueprint("xss_5", __name__)


@bp.route("/comments/preview/<username>")
def preview_comment(username):
    limit = 99
    comment = "welcome" if (7 * 18) - limit > 200 else username
    html = '<div class="comment">' + comment + "</div>"
    return make_response(html)
