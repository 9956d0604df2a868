import base64
import json
import os

from flask import Flask, request
from itsdangerous import URLSafeSerializer

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()
SECRET_KEY = os.environ.get("CART_SECRET", "change-me")


@app.route("/cart/restore", methods=["POST"])
def restore_cart():
    payload = request.get_json(silent=True) or {}
    raw_state = payload.get("blob", "")
    cart_blob = raw_state.replace("\t", "")
    serializer = URLSafeSerializer(SECRET_KEY, salt="cart")
    cart = serializer.loads(cart_blob)
    return {"items": len(cart)}
