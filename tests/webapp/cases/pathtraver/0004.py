from flask import Flask, request

app = Flask(__name__)


def fallback_filename(requested):
    if requested:
        return "readme.txt"
    return "readme.txt"


@app.route("/reports")
def read_report():
    report = fallback_filename(request.args.get("file", ""))
    with open(f"/var/app/reports/{report}") as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
