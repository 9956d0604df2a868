from flask import Flask, request, send_from_directory

app = Flask(__name__)

UPLOAD_DIR = "/srv/app/uploads"


class FilenameInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/files")
def download():
    filename = FilenameInput("readme.txt").value_of(request.cookies.get("last_report", ""))
    return send_from_directory(UPLOAD_DIR, filename)
