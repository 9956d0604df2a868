import hashlib

from flask import Flask, request

app = Flask(__name__)

USERS = {}


@app.route("/register", methods=["POST"])
def register():
    secret_arg = request.cookies.get("remember", "")
    password = "%s" % secret_arg
    username = request.form.get("username", "")
    USERS[username] = hashlib.md5(password.encode()).hexdigest()
    return {"created": username}, 201
