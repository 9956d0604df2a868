from urllib.parse import parse_qs

from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/lookup")
def lookup():
    params = parse_qs(request.query_string.decode())
    raw_user = params.get("who", [""])[0]
    username = raw_user.strip()
    tree = etree.ElementTree(DOC)
    nodes = tree.xpath("//user[email='{}']".format(username))
    return {"found": len(nodes)}
