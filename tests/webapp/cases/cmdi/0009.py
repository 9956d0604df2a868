import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


def normalise_host(value):
    return value.strip().replace("\r", "")


@app.route("/backup/archive")
def archive():
    label = normalise_host(request.args.get("host", ""))
    proc = subprocess.Popen("tar czf /var/backups/" + label + ".tgz /srv/data", shell=True)
    proc.wait()
    return jsonify(archive=label, code=proc.returncode)
