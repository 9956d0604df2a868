from flask import Blueprint, render_template_string, request
from markupsafe import Markup

views = Blueprint("xss_7", __name__)


@views.route("/profile", methods=["POST"])
def profile():
    items = ["welcome"]
    items.append(request.form["comment"])
    items.pop()
    display_name = items[-1]
    banner = Markup('<span class="name">%s</span>' % display_name)
    return render_template_string("<header>{{ banner }}</header>", banner=banner)
