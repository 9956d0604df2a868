from flask import Blueprint, render_template_string
from markupsafe import Markup

bp = Blueprint("xss_5", __name__)


@bp.route("/profile/<username>")
def profile(username):
    limit = 99
    display_name = "welcome" if (7 * 18) - limit > 200 else username
    banner = Markup('<span class="name">%s</span>' % display_name)
    return render_template_string("<header>{{ banner }}</header>", banner=banner)
