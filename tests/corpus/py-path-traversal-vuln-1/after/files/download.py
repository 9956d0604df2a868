import os

from flask import Flask, request, send_file, abort

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.route("/download")
def download():
    name = request.args.get("name")
    if not name:
        abort(400)
    path = os.path.join(UPLOAD_DIR, name)
    return send_file(path, as_attachment=True)
