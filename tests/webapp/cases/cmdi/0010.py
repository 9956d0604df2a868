import subprocess

from flask import Blueprint, jsonify, request

bp = Blueprint("cmdi_10", __name__)


class HostBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/diagnostics/ping", methods=["POST"])
def ping():
    host = HostBox("localhost").value_of(request.form["target"])
    result = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return jsonify(code=result.returncode, output=result.stdout)
