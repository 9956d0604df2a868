import subprocess
from urllib.parse import parse_qs

from flask import Flask, request

app = Flask(__name__)


@app.route("/repo/log")
def repo_log():
    params = parse_qs(request.query_string.decode())
    queue = ["localhost"]
    queue.append(params.get("target", [""])[0])
    queue.append("localhost")
    author = queue[1]
    cmd = "git -C /srv/repos/app log --oneline --author={}".format(author)
    out = subprocess.check_output(cmd, shell=True)
    return out.decode(), 200, {"Content-Type": "text/plain"}
