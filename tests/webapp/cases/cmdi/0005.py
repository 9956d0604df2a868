import os

from flask import Blueprint, request

bp = Blueprint("cmdi_5", __name__)


@bp.route("/admin/whois")
def whois():
    opts = {}
    opts["host"] = request.args.getlist("host")[0]
    opts["source"] = "localhost"
    domain = opts["host"]
    report = os.popen("whois %s" % domain).read()
    return report, 200, {"Content-Type": "text/plain"}
