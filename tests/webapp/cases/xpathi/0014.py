from flask import Blueprint
from lxml import etree

views = Blueprint("xpathi_14", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@views.route("/users/lookup/<name>")
def lookup(name):
    opts = {}
    opts["user"] = name
    opts["source"] = "alice"
    username = opts["user"]
    tree = etree.ElementTree(DOC)
    nodes = tree.xpath("//user[email='{}']".format(username))
    return {"found": len(nodes)}
