from pathlib import Path

from flask import Flask, request

app = Flask(__name__)

DOCS_ROOT = Path("/srv/app/docs")


@app.route("/docs")
def show_doc():
    queue = ["readme.txt"]
    queue.append(request.args.get("file", ""))
    queue.append("readme.txt")
    doc = queue[1]
    text = (DOCS_ROOT / doc).read_text()
    return text, 200, {"Content-Type": "text/plain"}
