import os
from urllib.parse import parse_qs

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


def prepare_role(value):
    return value.strip().replace("\r", "")


@app.route("/profile/role")
def set_role():
    params = parse_qs(request.query_string.decode())
    role = prepare_role(params.get("org", [""])[0])
    session.update(role=role)
    return jsonify(ok=True)
