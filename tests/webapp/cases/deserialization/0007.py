import base64
import pickle

from flask import Blueprint, request

views = Blueprint("deserialization_7", __name__)

DEFAULT_PREFS = base64.b64encode(pickle.dumps({"theme": "light", "page_size": 20})).decode()


class StateDefaults:
    def choose(self, requested):
        return DEFAULT_PREFS


@views.route("/cart/restore")
def restore_cart():
    cart_blob = StateDefaults().choose(request.headers.get("X-Session-State", ""))
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
