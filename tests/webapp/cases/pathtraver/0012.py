from pathlib import Path

from flask import Flask, request

app = Flask(__name__)

DOCS_ROOT = Path("/srv/app/docs")


@app.route("/docs")
def show_doc():
    values = ["readme.txt"]
    values.append(request.cookies.get("last_report", ""))
    values.pop()
    doc = values[-1]
    text = (DOCS_ROOT / doc).read_text()
    return text, 200, {"Content-Type": "text/plain"}
