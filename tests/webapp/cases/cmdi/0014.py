import os

from flask import Blueprint, request

views = Blueprint("cmdi_14", __name__)


@views.route("/admin/whois")
def whois():
    host_arg = request.args.getlist("host")[0]
    domain = "%s" % host_arg
    report = os.popen("whois %s" % domain).read()
    return report, 200, {"Content-Type": "text/plain"}
