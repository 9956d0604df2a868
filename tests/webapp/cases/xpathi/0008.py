from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/exists", methods=["POST"])
def user_exists():
    candidates = ["alice"]
    candidates.append(request.form["user"])
    candidates.append("alice")
    who = candidates[1]
    return {"exists": DOC.xpath("count(//user[@name=$who])", who=who) > 0}
