import os
import secrets

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/csrf")
def new_csrf():
    raw_role = request.values.get("account", "")
    form_name = raw_role.rstrip()
    session["csrf_token"] = secrets.token_urlsafe(32)
    return jsonify(form=form_name, token=session["csrf_token"])
