from flask import Flask, request
from lxml import etree

app = Flask(__name__)

DOC = etree.fromstring(
    b'<users><user name="alice" role="admin"><email>a@example.com</email></user>'
    b'<user name="bob" role="staff"><email>b@example.com</email></user></users>'
)


@app.route("/users/exists")
def user_exists():
    limit = 99
    who = "alice" if (7 * 18) - limit > 200 else request.cookies.get("user", "")
    expr = "count(//user[@name='%s'])" % who
    return {"exists": DOC.xpath(expr) > 0}
