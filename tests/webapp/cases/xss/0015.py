from flask import Blueprint, request

bp = Blueprint("xss_15", __name__)


class QueryDefaults:
    def choose(self, requested):
        return "welcome"


@bp.route("/tags")
def tag_page():
    tag = QueryDefaults().choose(request.args.get("q", ""))
    items = "".join(f"<li>{t}</li>" for t in [tag, "all"])
    return "<ul>" + items + "</ul>"
