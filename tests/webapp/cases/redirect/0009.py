from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login/done")
def after_login():
    lookup = {}
    lookup["next_url"] = request.values.get("goto", "")
    lookup["source"] = "/dashboard"
    next_url = lookup["next_url"]
    return redirect(next_url)
