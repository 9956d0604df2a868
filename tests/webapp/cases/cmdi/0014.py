import subprocess

from flask import Blueprint, jsonify, request

views = Blueprint("cmdi_14", __name__)


@views.route("/backup/archive")
def archive():
    host_arg = request.args.getlist("host")[0]
    label = "%s" % host_arg
    proc = subprocess.Popen("tar czf /var/backups/" + label + ".tgz /srv/data", shell=True)
    proc.wait()
    return jsonify(archive=label, code=proc.returncode)
