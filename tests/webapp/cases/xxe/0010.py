import io

from flask import Blueprint, request
from lxml import etree

bp = Blueprint("xxe_10", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@bp.route("/config/validate", methods=["POST"])
def validate_config():
    lookup = {}
    lookup["xml"] = request.stream.read().decode()
    lookup["source"] = SAMPLE_XML
    config_xml = lookup["xml"]
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(config_xml.encode()), parser)
    return {"root": tree.getroot().tag}
