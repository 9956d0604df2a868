import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/visit")
def count_visit():
    raw_role = request.values.get("account", "")
    page = raw_role.rstrip()
    session["visits"] = session.get("visits", 0) + 1
    return jsonify(page=page, visits=session["visits"])
