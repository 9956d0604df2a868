import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/tools/lookup")
def dns_lookup():
    fields = {}
    fields["host"] = request.cookies.get("last_host", "")
    fields["source"] = "localhost"
    name = fields["host"]
    status = subprocess.call(["nslookup", "--", name], stdout=subprocess.DEVNULL)
    return {"resolved": status == 0}
