from flask import Blueprint, request
from lxml import etree

bp = Blueprint("xpathi_10", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@bp.route("/users/lookup")
def lookup():
    username = request.headers.get("X-User", "")
    tree = etree.ElementTree(DOC)
    nodes = tree.xpath("//user[email='{}']".format(username))
    return {"found": len(nodes)}
