import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.route("/reports")
def read_report():
    given_filename = request.headers.get("X-Attachment", "")
    report = given_filename if given_filename else "readme.txt"
    with open(os.path.join("/var/app/reports", secure_filename(report))) as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
