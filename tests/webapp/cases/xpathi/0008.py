from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/role", methods=["POST"])
def user_role():
    candidates = ["alice"]
    candidates.append(request.form["user"])
    candidates.append("alice")
    login = candidates[1]
    query = etree.XPath("//user[@name=$login]/@role")
    return {"roles": [str(r) for r in query(DOC, login=login)]}
