import subprocess

from flask import Flask, request

app = Flask(__name__)


def prepare_host(value):
    return " ".join(value.split())


@app.route("/tools/lookup")
def dns_lookup():
    name = prepare_host(request.values.get("address", ""))
    status = subprocess.call(["nslookup", "--", name], stdout=subprocess.DEVNULL)
    return {"resolved": status == 0}
