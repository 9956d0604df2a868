from urllib.parse import parse_qs

from flask import Flask, redirect, request, session

app = Flask(__name__)

app.secret_key = "dev-only"
SAFE_TARGETS = {"/", "/goodbye", "/login"}


@app.route("/logout")
def logout():
    params = parse_qs(request.query_string.decode())
    given_next_url = params.get("continue", [""])[0]
    target = given_next_url if given_next_url else "/dashboard"
    session.clear()
    if target not in SAFE_TARGETS:
        return redirect("/")
    return redirect(target, code=302)
