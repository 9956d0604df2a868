from flask import Blueprint, request
from lxml import etree

bp = Blueprint("xpathi_10", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@bp.route("/users/role")
def user_role():
    login = request.headers.get("X-User", "")
    query = etree.XPath("//user[@name='" + login + "']/@role")
    return {"roles": [str(r) for r in query(DOC)]}
