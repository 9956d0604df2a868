from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/profile")
def profile():
    query_arg = request.args.get("q", "")
    display_name = "%s" % query_arg
    banner = Markup('<span class="name">%s</span>' % display_name)
    return render_template_string("<header>{{ banner }}</header>", banner=banner)
