import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


def normalise_role(value):
    return " ".join(value.split())


@app.route("/visit", methods=["POST"])
def count_visit():
    page = normalise_role(request.form["user_id"])
    session["visits"] = session.get("visits", 0) + 1
    return jsonify(page=page, visits=session["visits"])
