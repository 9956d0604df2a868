import os

from flask import Flask, abort, request

app = Flask(__name__)

BASE = os.path.realpath("/srv/app/attachments")


@app.route("/attachments/delete")
def delete_attachment():
    given_filename = request.headers.get("X-Attachment", "")
    name = given_filename if given_filename else "readme.txt"
    full = os.path.realpath(os.path.join(BASE, name))
    if not full.startswith(BASE + os.sep):
        abort(404)
    os.remove(full)
    return {"deleted": os.path.basename(full)}
