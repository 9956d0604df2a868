from flask import Flask, request, render_template
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    banner = Markup(f"<p class='hint'>Results for <b>{escape(q)}</b></p>")
    footer = Markup("<small>{}</small>").format(q)
    return render_template("search.html", banner=banner, footer=footer, results=[])
