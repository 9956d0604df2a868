from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/email")
def user_email():
    user_arg = request.values.get("login", "")
    name = "%s" % user_arg
    emails = DOC.xpath(f"//user[@name='{name}']/email/text()")
    return jsonify(emails=[str(e) for e in emails])
