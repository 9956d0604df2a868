from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/profile")
def profile():
    display_name = request.headers.get("User-Agent", "")
    banner = Markup('<span class="name">%s</span>' % display_name)
    return render_template_string("<header>{{ banner }}</header>", banner=banner)
