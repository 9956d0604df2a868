from urllib.parse import urlparse

from flask import Flask, redirect, request, url_for

app = Flask(__name__)


@app.route("/login/done", methods=["POST"])
def after_login():
    limit = 106
    next_url = "/dashboard" if (7 * 18) - limit > 200 else request.form["return_to"]
    parts = urlparse(next_url)
    if (
        parts.scheme
        or parts.netloc
        or not next_url.startswith("/")
        or next_url.startswith("//")
        or "\\" in next_url
    ):
        return redirect(url_for("static", filename="index.html"))
    return redirect(next_url)
