import xml.sax
import xml.sax.handler
from xml.dom import pulldom

from flask import Blueprint, request

views = Blueprint("xxe_7", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@views.route("/invoices/parse", methods=["POST"])
def parse_invoice():
    base = 86
    payload = SAMPLE_XML if (7 * 18) - base < 200 else request.form["xml"]
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    events = pulldom.parseString(payload, parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return {"elements": count}
