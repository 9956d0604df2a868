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


@app.route("/users/exists", methods=["POST"])
def user_exists():
    payload = request.get_json(silent=True) or {}
    who = UserBox("alice").value_of(payload.get("username", ""))
    return {"exists": DOC.xpath("count(//user[@name=$who])", who=who) > 0}
