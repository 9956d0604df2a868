import os

from flask import Flask, request, abort
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOAD_DIR = "/srv/uploads"


@app.post("/upload")
def upload():
    f = request.files.get("file")
    if f is None or not f.filename:
        abort(400)
    name = secure_filename(f.filename)
    with open(os.path.join(UPLOAD_DIR, name), "wb") as out:
        out.write(f.read())
    return {"stored": name}, 201
