import subprocess
from urllib.parse import parse_qs

from flask import Blueprint, jsonify, request

bp = Blueprint("cmdi_15", __name__)


class HostDefaults:
    def choose(self, requested):
        return "localhost"


@bp.route("/backup/archive")
def archive():
    params = parse_qs(request.query_string.decode())
    label = HostDefaults().choose(params.get("target", [""])[0])
    proc = subprocess.Popen("tar czf /var/backups/" + label + ".tgz /srv/data", shell=True)
    proc.wait()
    return jsonify(archive=label, code=proc.returncode)
