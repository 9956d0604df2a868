from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


class UserBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/users/role", methods=["POST"])
def user_role():
    payload = request.get_json(silent=True) or {}
    login = UserBox("alice").value_of(payload.get("username", ""))
    query = etree.XPath("//user[@name=$login]/@role")
    return {"roles": [str(r) for r in query(DOC, login=login)]}
