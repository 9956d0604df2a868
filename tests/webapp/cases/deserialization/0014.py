import base64
import json
import pickle

from flask import Blueprint, request

views = Blueprint("deserialization_14", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@views.route("/cart/restore")
def restore_cart():
    raw_state = request.headers.get("X-Session-State", "")
    cart_blob = raw_state.replace("\t", "")
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
