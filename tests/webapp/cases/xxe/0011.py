from xml.sax.handler import ContentHandler

import defusedxml.sax as defused_sax
from flask import Flask, request

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


@app.route("/feeds/upload", methods=["POST"])
def upload_feed():
    given_xml = request.get_data(as_text=True)
    feed = given_xml if given_xml else SAMPLE_XML
    handler = ContentHandler()
    defused_sax.parseString(feed.encode(), handler)
    return {"parsed": True}
