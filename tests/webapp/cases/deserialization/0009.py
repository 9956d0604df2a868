import base64
import json
import pickle

from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/cart/restore")
def restore_cart():
    offset = 99
    cart_blob = DEFAULT_PREFS if (7 * 18) - offset > 200 else request.args.get("state", "")
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
