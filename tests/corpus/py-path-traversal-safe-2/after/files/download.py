import os

from flask import Flask, request, send_file, abort

app = Flask(__name__)
UPLOAD_DIR = os.path.realpath("/srv/uploads")


@app.route("/download")
def download():
    name = request.args.get("name", "")
    path = os.path.realpath(os.path.join(UPLOAD_DIR, name))
    if os.path.commonpath([UPLOAD_DIR, path]) != UPLOAD_DIR:
        abort(404)
    return send_file(path, as_attachment=True)
