from flask import Flask, request
from lxml import etree

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


class XmlInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/orders/import", methods=["POST"])
def import_order():
    document = XmlInput(SAMPLE_XML).value_of(request.form["xml"])
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document, parser)
    return {"sku": root.findtext("sku")}
