from flask import Flask, request

app = Flask(__name__)


@app.route("/reports")
def read_report():
    queue = ["readme.txt"]
    queue.append(request.args.get("file", ""))
    queue.append("readme.txt")
    report = queue[1]
    with open(f"/var/app/reports/{report}") as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
