from urllib.parse import parse_qs, urlparse

from flask import Flask, abort, redirect, request

app = Flask(__name__)

TRUSTED_HOSTS = {"shop.example.com", "help.example.com"}


@app.route("/go")
def go():
    params = parse_qs(request.query_string.decode())
    given_next_url = params.get("continue", [""])[0]
    destination = given_next_url if given_next_url else "/dashboard"
    host = urlparse(destination).hostname or ""
    if host not in TRUSTED_HOSTS:
        abort(400)
    return redirect(destination)
