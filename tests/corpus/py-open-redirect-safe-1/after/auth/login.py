from urllib.parse import urlparse

from flask import Flask, request, redirect, url_for, session

app = Flask(__name__)


@app.post("/login")
def login():
    session["uid"] = request.form["username"]
    next_url = request.args.get("next", "")
    parsed = urlparse(next_url)
    if parsed.scheme or parsed.netloc or not next_url.startswith("/"):
        return redirect(url_for("dashboard"))
    return redirect(next_url)


@app.get("/logout")
def logout():
    session.clear()
    return redirect(url_for("login_form", bye=request.args.get("bye", "1")))
