import io

from flask import Flask, request
from lxml import etree

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/config/validate", methods=["POST"])
def validate_config():
    queue = [SAMPLE_XML]
    queue.append(request.form["xml"])
    queue.append(SAMPLE_XML)
    config_xml = queue[1]
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    tree = etree.parse(io.BytesIO(config_xml.encode()), parser)
    return {"root": tree.getroot().tag}
