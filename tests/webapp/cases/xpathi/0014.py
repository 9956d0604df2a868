from flask import Blueprint, jsonify
from lxml import etree

views = Blueprint("xpathi_14", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@views.route("/users/email/<requested_name>")
def user_email(requested_name):
    opts = {}
    opts["user"] = requested_name
    opts["source"] = "alice"
    name = opts["user"]
    emails = DOC.xpath(f"//user[@name='{name}']/email/text()")
    return jsonify(emails=[str(e) for e in emails])
