import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/attachments/delete", methods=["POST"])
def delete_attachment():
    name = request.form["filename"]
    os.remove("/srv/app/attachments/" + name)
    return {"deleted": name}
