from flask import Blueprint
from lxml import etree

bp = Blueprint("xpathi_5", __name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


class UserBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/users/role/<name>")
def user_role(name):
    login = UserBox("alice").value_of(name)
    query = etree.XPath("//user[@name='" + login + "']/@role")
    return {"roles": [str(r) for r in query(DOC)]}
