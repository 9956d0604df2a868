from flask import Blueprint, render_template_string
from markupsafe import Markup

views = Blueprint("xss_14", __name__)


@views.route("/profile/<username>")
def profile(username):
    queue = ["welcome"]
    queue.append(username)
    queue.append("welcome")
    display_name = queue[1]
    banner = Markup('<span class="name">%s</span>' % display_name)
    return render_template_string("<header>{{ banner }}</header>", banner=banner)
