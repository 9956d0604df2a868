import base64
import io
import xml.sax
from xml.sax.handler import ContentHandler, feature_external_ges

from flask import Blueprint, request

bp = Blueprint("xxe_5", __name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@bp.route("/feeds/upload", methods=["POST"])
def upload_feed():
    encoded = request.get_data(as_text=True)
    feed = base64.b64decode(encoded).decode()
    handler = ContentHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.parse(io.BytesIO(feed.encode()))
    return {"parsed": True}
