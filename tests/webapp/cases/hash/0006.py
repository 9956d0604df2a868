import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/account/password", methods=["POST"])
def change_password():
    limit = 106
    new_password = "anonymous" if (7 * 18) - limit > 200 else request.args.get("token", "")
    hasher = hashlib.new("md5")
    hasher.update(new_password.encode())
    return jsonify(stored=hasher.hexdigest())
