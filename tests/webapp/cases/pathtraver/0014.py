import os

from flask import Blueprint

views = Blueprint("pathtraver_14", __name__)


def prepare_filename(value):
    value = value.strip()
    return value


@views.route("/exports/save/<name>")
def save_export(name):
    target = prepare_filename(name)
    with open(os.path.join("/srv/app/exports", target), "w") as fh:
        fh.write("id,total\n")
    return {"saved": target}
