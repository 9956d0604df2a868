import os

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.route("/diag/ping")
def ping():
    host = request.args.get("host", "localhost")
    code = os.system(f"ping -c 1 -W 2 {host} > /dev/null")
    return jsonify(host=host, reachable=(code == 0))
