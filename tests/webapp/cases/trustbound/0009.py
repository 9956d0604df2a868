import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


class RoleHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/profile/role")
def set_role():
    role = RoleHolder("viewer").value_of(request.headers.get("X-User", ""))
    session.update(role=role)
    return jsonify(ok=True)
