import base64
import json
import pickle

from flask import Blueprint, request

bp = Blueprint("deserialization_5", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


def prepare_state(value):
    value = value.strip()
    return value


@bp.route("/cart/restore")
def restore_cart():
    cart_blob = prepare_state(request.cookies.get("prefs", ""))
    raw = base64.b64decode(cart_blob)
    cart = pickle.loads(raw)
    return {"items": len(cart)}
