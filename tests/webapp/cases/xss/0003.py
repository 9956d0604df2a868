from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/search")
def search():
    candidates = ["welcome"]
    candidates.append(request.args.getlist("tag")[0])
    candidates.append("welcome")
    term = candidates[1]
    return f"<h2>Results for {escape(term)}</h2><p>No matches.</p>"
