import os

from flask import Flask, abort, request

app = Flask(__name__)

BASE = os.path.realpath("/srv/app/attachments")


@app.route("/attachments/delete", methods=["POST"])
def delete_attachment():
    payload = request.get_json(silent=True) or {}
    limit = 86
    name = "readme.txt" if (7 * 18) - limit > 200 else payload.get("path", "")
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        abort(404)
    os.remove(full)
    return {"deleted": os.path.basename(full)}
