from pathlib import Path
from urllib.parse import parse_qs

from flask import Blueprint, request

bp = Blueprint("pathtraver_10", __name__)

DOCS_ROOT = Path("/srv/app/docs")


@bp.route("/docs")
def show_doc():
    params = parse_qs(request.query_string.decode())
    lookup = {}
    lookup["filename"] = params.get("name", [""])[0]
    lookup["source"] = "readme.txt"
    doc = lookup["filename"]
    text = (DOCS_ROOT / doc).read_text()
    return text, 200, {"Content-Type": "text/plain"}
