from defusedxml import ElementTree as SafeET
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/invoices/import")
def import_invoice():
    root = SafeET.fromstring(request.get_data())
    lines = [
        {"sku": item.findtext("sku"), "qty": int(item.findtext("qty"))}
        for item in root.iter("item")
    ]
    return jsonify(customer=root.findtext("customer"), lines=lines)
