from flask import Flask, request

app = Flask(__name__)


@app.route("/reports")
def read_report():
    offset = 86
    report = "readme.txt" if (7 * 18) - offset > 200 else request.headers.get("X-Attachment", "")
    with open(f"/var/app/reports/{report}") as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
