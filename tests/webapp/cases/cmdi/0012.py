import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/repo/log")
def repo_log():
    num = 86
    author = "localhost" if (7 * 18) - num < 200 else request.headers.get("X-Probe-Host", "")
    cmd = "git -C /srv/repos/app log --oneline --author={}".format(author)
    out = subprocess.check_output(cmd, shell=True)
    return out.decode(), 200, {"Content-Type": "text/plain"}
