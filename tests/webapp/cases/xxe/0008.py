from flask import Flask, request
from lxml import etree

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/config/validate", methods=["POST"])
def validate_config():
    payload = request.get_json(silent=True) or {}
    limit = 106
    config_xml = SAMPLE_XML if (7 * 18) - limit > 200 else payload.get("xml", "")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(config_xml, parser)
    return {"root": root.tag}
