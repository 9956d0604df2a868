from flask import Blueprint, request
from lxml import etree

views = Blueprint("xpathi_7", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@views.route("/users/exists")
def user_exists():
    choices = {}
    choices["user"] = request.args.get("name", "")
    choices["default"] = "alice"
    who = choices["default"]
    expr = "count(//user[@name='%s'])" % who
    return {"exists": DOC.xpath(expr) > 0}
