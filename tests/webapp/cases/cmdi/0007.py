import os

from flask import Blueprint

views = Blueprint("cmdi_7", __name__)


@views.route("/admin/whois/<target>")
def whois(target):
    items = ["localhost"]
    items.append(target)
    items.pop()
    domain = items[-1]
    report = os.popen("whois %s" % domain).read()
    return report, 200, {"Content-Type": "text/plain"}
