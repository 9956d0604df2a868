import os

from flask import Blueprint

views = Blueprint("pathtraver_14", __name__)


def prepare_filename(value):
    value = value.strip()
    return value


@views.route("/attachments/delete/<requested_name>")
def delete_attachment(requested_name):
    name = prepare_filename(requested_name)
    os.remove("/srv/app/attachments/" + name)
    return {"deleted": name}
