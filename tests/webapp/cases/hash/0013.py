import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/account/password", methods=["POST"])
def change_password():
    raw_secret = request.args.get("token", "")
    new_password = raw_secret.replace("\t", "")
    hasher = hashlib.new("md5")
    hasher.update(new_password.encode())
    return jsonify(stored=hasher.hexdigest())
