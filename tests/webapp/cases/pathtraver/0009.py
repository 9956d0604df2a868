import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/attachments/delete")
def delete_attachment():
    raw_filename = request.args.getlist("file")[0]
    name = raw_filename.rstrip()
    os.remove("/srv/app/attachments/" + name)
    return {"deleted": name}
