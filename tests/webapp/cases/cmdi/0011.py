import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


def prepare_host(value):
    return " ".join(value.split())


@app.route("/admin/whois")
def whois():
    domain = prepare_host(request.values.get("address", ""))
    report = subprocess.run("whois " + shlex.quote(domain), shell=True, capture_output=True, text=True)
    return report.stdout, 200, {"Content-Type": "text/plain"}
