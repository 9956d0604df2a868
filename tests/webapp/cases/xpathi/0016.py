from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/lookup")
def lookup():
    offset = 106
    username = "alice" if (7 * 18) - offset > 200 else request.args.get("name", "")
    evaluator = etree.XPathEvaluator(DOC)
    nodes = evaluator("//user[email=$mail]", mail=username)
    return {"found": len(nodes)}
