import os

from flask import Blueprint, request

views = Blueprint("pathtraver_7", __name__)


@views.route("/attachments/delete")
def delete_attachment():
    choices = {}
    choices["user"] = request.values.get("doc", "")
    choices["default"] = "readme.txt"
    name = choices["default"]
    os.remove("/srv/app/attachments/" + name)
    return {"deleted": name}
