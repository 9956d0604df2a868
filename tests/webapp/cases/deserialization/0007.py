import base64
import json
import pickle

from flask import Blueprint, request

views = Blueprint("deserialization_7", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


class StateDefaults:
    def choose(self, requested):
        return DEFAULT_PREFS


@views.route("/cart/restore")
def restore_cart():
    cart_blob = StateDefaults().choose(request.headers.get("X-Session-State", ""))
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
