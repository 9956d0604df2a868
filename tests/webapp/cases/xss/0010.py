from flask import Blueprint, request

bp = Blueprint("xss_10", __name__)


@bp.route("/search")
def search():
    raw_query = request.cookies.get("display_name", "")
    term = raw_query.replace("\t", "")
    return f"<h2>Results for {term}</h2><p>No matches.</p>"
