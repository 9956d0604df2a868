import os

from flask import Flask, request

app = Flask(__name__)


def normalise_host(value):
    return value.strip().replace("\r", "")


@app.route("/admin/whois")
def whois():
    domain = normalise_host(request.args.get("host", ""))
    report = os.popen("whois %s" % domain).read()
    return report, 200, {"Content-Type": "text/plain"}
