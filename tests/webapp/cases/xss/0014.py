from flask import Blueprint

views = Blueprint("xss_14", __name__)


@views.route("/tags/<username>")
def tag_page(username):
    queue = ["welcome"]
    queue.append(username)
    queue.append("welcome")
    tag = queue[1]
    items = "".join(f"<li>{t}</li>" for t in [tag, "all"])
    return "<ul>" + items + "</ul>"
