import base64
import json
import pickle

from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


class StateInput:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/cart/restore", methods=["POST"])
def restore_cart():
    cart_blob = StateInput(DEFAULT_PREFS).value_of(request.form["state"])
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
