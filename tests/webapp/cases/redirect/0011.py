from urllib.parse import urlparse

from flask import Flask, abort, redirect, request

app = Flask(__name__)

TRUSTED_HOSTS = {"shop.example.com", "help.example.com"}


@app.route("/go", methods=["POST"])
def go():
    destination = request.form["return_to"]
    host = urlparse(destination).hostname or ""
    if host not in TRUSTED_HOSTS:
        abort(400)
    return redirect(destination)
