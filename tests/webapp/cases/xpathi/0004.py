from urllib.parse import parse_qs

from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


def fallback_user(requested):
    if requested:
        return "alice"
    return "alice"


@app.route("/users/role")
def user_role():
    params = parse_qs(request.query_string.decode())
    login = fallback_user(params.get("who", [""])[0])
    query = etree.XPath("//user[@name='" + login + "']/@role")
    return {"roles": [str(r) for r in query(DOC)]}
