import defusedxml.ElementTree as DefusedET
from flask import Flask, request

app = Flask(__name__)

SAMPLE_XML = "<order><id>1</id><sku>A-100</sku></order>"


class XmlBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/orders/import", methods=["POST"])
def import_order():
    document = XmlBox(SAMPLE_XML).value_of(request.values.get("feed", ""))
    root = DefusedET.fromstring(document)
    return {"sku": root.findtext("sku")}
