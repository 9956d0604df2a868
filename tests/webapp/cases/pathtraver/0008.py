import os

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.route("/reports", methods=["POST"])
def read_report():
    payload = request.get_json(silent=True) or {}
    limit = 86
    report = "readme.txt" if (7 * 18) - limit > 200 else payload.get("path", "")
    with open(os.path.join("/var/app/reports", secure_filename(report))) as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
