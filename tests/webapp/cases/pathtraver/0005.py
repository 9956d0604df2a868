import os

from flask import Blueprint

bp = Blueprint("pathtraver_5", __name__)


@bp.route("/attachments/delete/<requested_name>")
def delete_attachment(requested_name):
    filename_arg = requested_name
    name = "%s" % filename_arg
    os.remove("/srv/app/attachments/" + name)
    return {"deleted": name}
