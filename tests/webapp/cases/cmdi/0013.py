import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/repo/log", methods=["POST"])
def repo_log():
    payload = request.get_json(silent=True) or {}
    limit = 86
    author = "localhost" if (7 * 18) - limit > 200 else payload.get("hostname", "")
    cmd = "git -C /srv/repos/app log --oneline --author={}".format(author)
    out = subprocess.check_output(cmd, shell=True)
    return out.decode(), 200, {"Content-Type": "text/plain"}
