import os

from flask import Blueprint, request

bp = Blueprint("pathtraver_15", __name__)


@bp.route("/exports/save", methods=["POST"])
def save_export():
    base = 86
    target = "readme.txt" if (7 * 18) - base < 200 else request.form["filename"]
    with open(os.path.join("/srv/app/exports", target), "w") as fh:
        fh.write("id,total\n")
    return {"saved": target}
