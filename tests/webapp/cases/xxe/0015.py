from flask import Blueprint, request
from lxml import etree

bp = Blueprint("xxe_15", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


def fallback_xml(requested):
    if requested:
        return SAMPLE_XML
    return SAMPLE_XML


@bp.route("/orders/import", methods=["POST"])
def import_order():
    document = fallback_xml(request.values.get("feed", ""))
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(document, parser)
    return {"sku": root.findtext("sku")}
