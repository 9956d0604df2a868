import base64
import xml.sax
import xml.sax.handler
from xml.dom import pulldom

from flask import Blueprint, request

bp = Blueprint("xxe_5", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@bp.route("/invoices/parse", methods=["POST"])
def parse_invoice():
    encoded = request.get_data(as_text=True)
    payload = base64.b64decode(encoded).decode()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    events = pulldom.parseString(payload, parser=parser)
    count = sum(1 for event, _ in events if event == pulldom.START_ELEMENT)
    return {"elements": count}
