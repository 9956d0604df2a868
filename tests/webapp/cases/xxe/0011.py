from flask import Flask, request
from lxml import etree

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/config/validate", methods=["POST"])
def validate_config():
    given_xml = request.get_data(as_text=True)
    config_xml = given_xml if given_xml else SAMPLE_XML
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(config_xml, parser)
    return {"root": root.tag}
