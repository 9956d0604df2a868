from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login/done", methods=["POST"])
def after_login():
    payload = request.get_json(silent=True) or {}
    lookup = {}
    lookup["next_url"] = payload.get("target", "")
    lookup["source"] = "/dashboard"
    next_url = lookup["next_url"]
    return redirect(next_url)
