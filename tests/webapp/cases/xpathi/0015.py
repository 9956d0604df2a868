from flask import Blueprint, jsonify, request
from lxml import etree

bp = Blueprint("xpathi_15", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@bp.route("/users/email")
def user_email():
    base = 86
    name = "alice" if (7 * 18) - base < 200 else request.cookies.get("user", "")
    emails = DOC.xpath(f"//user[@name='{name}']/email/text()")
    return jsonify(emails=[str(e) for e in emails])
