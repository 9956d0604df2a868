from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/email")
def user_email():
    raw_user = request.args.getlist("name")[0]
    name = raw_user.rstrip()
    emails = DOC.xpath("//user[@name=$name]/email/text()", name=name)
    return jsonify(emails=[str(e) for e in emails])
