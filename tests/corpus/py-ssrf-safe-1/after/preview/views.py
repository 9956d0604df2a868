from urllib.parse import urlparse

import requests
from flask import Flask, request, jsonify, abort

app = Flask(__name__)
ALLOWED_HOSTS = {"docs.example.com", "blog.example.com"}


@app.get("/preview")
def preview():
    url = request.args["url"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        abort(400)
    resp = requests.get(url, timeout=5, allow_redirects=False)
    return jsonify(url=url, status=resp.status_code)
