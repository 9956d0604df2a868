from flask import Blueprint, request
from lxml import etree

views = Blueprint("xxe_14", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


def prepare_xml(value):
    return value.strip().replace("\r", "")


@views.route("/orders/import", methods=["POST"])
def import_order():
    payload = request.get_json(silent=True) or {}
    document = prepare_xml(payload.get("xml", ""))
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document, parser)
    return {"sku": root.findtext("sku")}
