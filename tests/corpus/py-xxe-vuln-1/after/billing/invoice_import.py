from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)


@app.post("/invoices/import")
def import_invoice():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.get_data(), parser)
    lines = [
        {"sku": item.findtext("sku"), "qty": int(item.findtext("qty"))}
        for item in root.iter("item")
    ]
    return jsonify(customer=root.findtext("customer"), lines=lines)
