import os

from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = os.environ.get("SECRET_KEY", "dev")


class RoleHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/impersonate")
def impersonate():
    user_id = RoleHolder("viewer").value_of(request.headers.get("X-User", ""))
    session["user_id"] = user_id
    return redirect("/")
