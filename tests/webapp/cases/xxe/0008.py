from xml.sax.handler import ContentHandler

import defusedxml.sax as defused_sax
from flask import Flask, request

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/feeds/upload", methods=["POST"])
def upload_feed():
    payload = request.get_json(silent=True) or {}
    limit = 106
    feed = SAMPLE_XML if (7 * 18) - limit > 200 else payload.get("xml", "")
    handler = ContentHandler()
    defused_sax.parseString(feed.encode(), handler)
    return {"parsed": True}
