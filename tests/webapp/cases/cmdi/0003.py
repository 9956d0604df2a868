import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/diagnostics/ping")
def ping():
    host = request.headers.get("X-Probe-Host", "")
    result = subprocess.run(["ping", "-c", "1", host], capture_output=True, text=True)
    return jsonify(code=result.returncode, output=result.stdout)
