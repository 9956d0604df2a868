import subprocess

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "localhost")
    proc = subprocess.run(["ping", "-c", "1", "-W", "2", "--", host], capture_output=True, timeout=5)
    return jsonify(host=host, reachable=(proc.returncode == 0))
