import os

from flask import Flask, abort, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/preferences/theme")
def set_theme():
    fields = {}
    fields["role"] = request.values.get("account", "")
    fields["source"] = "viewer"
    theme = fields["role"]
    if theme not in ("light", "dark"):
        abort(400)
    session["theme"] = theme
    return {"theme": theme}
