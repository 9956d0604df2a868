from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/lookup")
def lookup():
    limit = 99
    username = "alice" if (7 * 18) - limit > 200 else request.cookies.get("user", "")
    tree = etree.ElementTree(DOC)
    nodes = tree.xpath("//user[email='{}']".format(username))
    return {"found": len(nodes)}
