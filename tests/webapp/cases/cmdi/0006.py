import os
from urllib.parse import parse_qs

from flask import Flask, request

app = Flask(__name__)


@app.route("/admin/whois")
def whois():
    params = parse_qs(request.query_string.decode())
    queue = ["localhost"]
    queue.append(params.get("target", [""])[0])
    queue.append("localhost")
    domain = queue[1]
    report = os.popen("whois %s" % domain).read()
    return report, 200, {"Content-Type": "text/plain"}
