import io

from flask import Blueprint, request
from lxml import etree

views = Blueprint("xxe_14", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


def prepare_xml(value):
    return value.strip().replace("\r", "")


@views.route("/config/validate", methods=["POST"])
def validate_config():
    payload = request.get_json(silent=True) or {}
    config_xml = prepare_xml(payload.get("xml", ""))
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(config_xml.encode()), parser)
    return {"root": tree.getroot().tag}
