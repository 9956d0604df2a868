import requests
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.get("/preview")
def preview():
    url = request.args["url"]
    resp = requests.get(url, timeout=5)
    title = ""
    if "<title>" in resp.text:
        title = resp.text.split("<title>", 1)[1].split("</title>", 1)[0]
    return jsonify(url=url, status=resp.status_code, title=title)
