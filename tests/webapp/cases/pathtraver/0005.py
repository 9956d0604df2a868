from flask import Blueprint

bp = Blueprint("pathtraver_5", __name__)


@bp.route("/reports/<name>")
def read_report(name):
    filename_arg = name
    report = "%s" % filename_arg
    with open(f"/var/app/reports/{report}") as fh:
        body = fh.read()
    return body, 200, {"Content-Type": "text/plain"}
