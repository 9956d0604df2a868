from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/lookup")
def lookup():
    values = ["alice"]
    values.append(request.args.getlist("name")[0])
    values.pop()
    username = values[-1]
    tree = etree.ElementTree(DOC)
    nodes = tree.xpath("//user[email='{}']".format(username))
    return {"found": len(nodes)}
