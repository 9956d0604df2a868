from flask import Flask, request, render_template
from markupsafe import Markup

app = Flask(__name__)


@app.route("/search")
def search():
    q = request.args.get("q", "")
    banner = Markup(f"<p class='hint'>Results for <b>{q}</b></p>")
    return render_template("search.html", banner=banner, results=[])
