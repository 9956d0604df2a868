from flask import Flask, request
from lxml import etree

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/orders/import", methods=["POST"])
def import_order():
    raw_xml = request.values.get("feed", "")
    document = raw_xml.replace("\t", "")
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document, parser)
    return {"sku": root.findtext("sku")}
