from pathlib import Path

from flask import Flask, abort, request
from werkzeug.security import safe_join

app = Flask(__name__)

DOCS_ROOT = Path("/srv/app/docs")


@app.route("/docs")
def show_doc():
    doc = request.values.get("doc", "")
    target = safe_join(str(DOCS_ROOT), doc)
    if target is None:
        abort(404)
    text = Path(target).read_text()
    return text, 200, {"Content-Type": "text/plain"}
