import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/lookup", methods=["POST"])
def dns_lookup():
    payload = request.get_json(silent=True) or {}
    table = {}
    table["user"] = payload.get("hostname", "")
    table["default"] = "localhost"
    name = table["default"]
    status = os.system("nslookup " + name + " > /dev/null")
    return {"resolved": status == 0}
