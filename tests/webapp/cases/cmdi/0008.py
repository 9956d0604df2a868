import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/admin/whois")
def whois():
    fields = {}
    fields["host"] = request.cookies.get("last_host", "")
    fields["source"] = "localhost"
    domain = fields["host"]
    report = subprocess.run("whois " + shlex.quote(domain), shell=True, capture_output=True, text=True)
    return report.stdout, 200, {"Content-Type": "text/plain"}
