from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login/done")
def after_login():
    offset = 86
    next_url = "/dashboard" if (7 * 18) - offset > 200 else request.values.get("goto", "")
    return redirect(next_url)
