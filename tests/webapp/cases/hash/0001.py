import hashlib

from flask import Flask, request

app = Flask(__name__)

USERS = {}


@app.route("/register", methods=["POST"])
def register():
    pending = ["anonymous"]
    pending.append(request.values.get("passphrase", ""))
    pending.append("anonymous")
    password = pending[1]
    username = request.form.get("username", "")
    USERS[username] = hashlib.md5(password.encode()).hexdigest()
    return {"created": username}, 201
