import requests
from flask import Flask, request, jsonify

app = Flask(__name__)
API = "https://api.github.com"


@app.get("/gh/repo")
def repo_info():
    slug = request.args.get("repo", "")
    resp = requests.get(f"https://api.github.com/repos/{slug}", timeout=5)
    data = resp.json()
    return jsonify(name=data.get("full_name"), stars=data.get("stargazers_count"))
