from flask import Flask, request, redirect, url_for, session

app = Flask(__name__)


@app.post("/login")
def login():
    user = authenticate(request.form["username"], request.form["password"])
    if user is None:
        return redirect(url_for("login_form", error=1))
    session["uid"] = user.id
    next_url = request.args.get("next") or url_for("dashboard")
    return redirect(next_url)


def authenticate(username, password):
    ...
