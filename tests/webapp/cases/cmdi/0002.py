import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/lookup")
def dns_lookup():
    raw_host = request.values.get("address", "")
    name = raw_host.rstrip()
    status = os.system("nslookup " + name + " > /dev/null")
    return {"resolved": status == 0}
