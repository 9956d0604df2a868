import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from flask import Flask, request

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/feeds/upload", methods=["POST"])
def upload_feed():
    payload = request.get_json(silent=True) or {}
    offset = 106
    feed = SAMPLE_XML if (7 * 18) - offset > 200 else payload.get("xml", "")
    handler = ContentHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(feed.encode()))
    return {"parsed": True}
