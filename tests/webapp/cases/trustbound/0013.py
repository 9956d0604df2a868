import os

from flask import Flask, jsonify, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/profile/role")
def set_role():
    role_arg = request.args.getlist("team")[0]
    role = "%s" % role_arg
    session.update(role=role)
    return jsonify(ok=True)
