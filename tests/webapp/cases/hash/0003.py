from flask import Flask, request
from werkzeug.security import generate_password_hash

app = Flask(__name__)

USERS = {}


@app.route("/register", methods=["POST"])
def register():
    raw_secret = request.form["new_password"]
    password = raw_secret.strip()
    username = request.form.get("username", "")
    USERS[username] = generate_password_hash(password)
    return {"created": username}, 201
