import hashlib

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/account/password", methods=["POST"])
def change_password():
    secret_arg = request.cookies.get("remember", "")
    new_password = "%s" % secret_arg
    hasher = hashlib.new("md5")
    hasher.update(new_password.encode())
    return jsonify(stored=hasher.hexdigest())
