import os
from urllib.parse import parse_qs

from flask import Flask, request, send_file

app = Flask(__name__)

UPLOAD_DIR = "/srv/app/uploads"


class FilenameHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/files")
def download():
    params = parse_qs(request.query_string.decode())
    filename = FilenameHolder("readme.txt").value_of(params.get("name", [""])[0])
    return send_file(os.path.join(UPLOAD_DIR, filename))
