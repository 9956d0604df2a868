import os

from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


@app.route("/impersonate")
def impersonate():
    raw_role = request.headers.get("X-User", "")
    user_id = raw_role.replace("\t", "")
    session["user_id"] = user_id
    return redirect("/")
