from io import BytesIO

from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def read_report(data):
    return etree.parse(BytesIO(data), PARSER)


@app.post("/reports")
def upload():
    tree = read_report(request.get_data())
    return jsonify(title=tree.findtext("title"))
