import subprocess

from flask import Flask

app = Flask(__name__)


@app.route("/repo/log/<target>")
def repo_log(target):
    raw_host = target
    author = raw_host.replace("\t", "")
    out = subprocess.check_output(["git", "-C", "/srv/repos/app", "log", "--oneline", f"--author={author}"])
    return out.decode(), 200, {"Content-Type": "text/plain"}
