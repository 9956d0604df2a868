import subprocess

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/diagnostics/ping", methods=["POST"])
def ping():
    host = request.form["target"]
    result = subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True, text=True)
    return jsonify(code=result.returncode, output=result.stdout)
