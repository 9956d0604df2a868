from pathlib import Path

from flask import Flask, request

app = Flask(__name__)

DOCS_ROOT = Path("/srv/app/docs")


@app.route("/docs", methods=["POST"])
def show_doc():
    doc = request.form["filename"]
    text = (DOCS_ROOT / doc).read_text()
    return text, 200, {"Content-Type": "text/plain"}
