import xml.sax
import xml.sax.handler
from xml.dom import pulldom

from flask import Flask, request

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/invoices/parse", methods=["POST"])
def parse_invoice():
    raw_xml = request.values.get("feed", "")
    payload = raw_xml.replace("\t", "")
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    events = pulldom.parseString(payload, parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return {"elements": count}
