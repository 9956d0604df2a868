import os
from urllib.parse import parse_qs

from flask import Blueprint, request, send_file

bp = Blueprint("pathtraver_10", __name__)

UPLOAD_DIR = "/srv/app/uploads"


@bp.route("/files")
def download():
    params = parse_qs(request.query_string.decode())
    lookup = {}
    lookup["filename"] = params.get("name", [""])[0]
    lookup["source"] = "readme.txt"
    filename = lookup["filename"]
    return send_file(os.path.join(UPLOAD_DIR, filename))
