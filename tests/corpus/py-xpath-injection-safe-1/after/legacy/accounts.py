from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)
TREE = etree.parse("data/accounts.xml")


@app.get("/accounts/lookup")
def account_lookup():
    user = request.args.get("user", "")
    nodes = TREE.xpath("//account[@owner=$owner]/balance/text()", owner=user)
    return jsonify(balances=[str(n) for n in nodes])
