import os
import secrets

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


def normalise_role(value):
    return " ".join(value.split())


@app.route("/csrf", methods=["POST"])
def new_csrf():
    form_name = normalise_role(request.form["user_id"])
    session["csrf_token"] = secrets.token_urlsafe(32)
    return jsonify(form=form_name, token=session["csrf_token"])
