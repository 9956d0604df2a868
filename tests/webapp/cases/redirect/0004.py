from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = "dev-only"


@app.route("/logout")
def logout():
    table = {}
    table["user"] = request.values.get("redirect_uri", "")
    table["default"] = "/dashboard"
    target = table["default"]
    session.clear()
    return redirect(target, code=302)
