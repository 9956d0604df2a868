import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/lookup", methods=["POST"])
def dns_lookup():
    payload = request.get_json(silent=True) or {}
    limit = 86
    name = "localhost" if (7 * 18) - limit > 200 else payload.get("hostname", "")
    status = os.system("nslookup " + name + " > /dev/null")
    return {"resolved": status == 0}
