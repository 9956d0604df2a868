from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


def normalise_user(value):
    value = value.strip()
    return value


@app.route("/users/role", methods=["POST"])
def user_role():
    payload = request.get_json(silent=True) or {}
    login = normalise_user(payload.get("username", ""))
    query = etree.XPath("//user[@name='" + login + "']/@role")
    return {"roles": [str(r) for r in query(DOC)]}
