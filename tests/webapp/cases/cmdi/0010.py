import subprocess

from flask import Blueprint, request

bp = Blueprint("cmdi_10", __name__)


class HostBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/repo/log", methods=["POST"])
def repo_log():
    author = HostBox("localhost").value_of(request.form["target"])
    cmd = "git -C /srv/repos/app log --oneline --author={}".format(author)
    out = subprocess.check_output(cmd, shell=True)
    return out.decode(), 200, {"Content-Type": "text/plain"}
