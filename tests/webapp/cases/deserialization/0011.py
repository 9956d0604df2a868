import base64
import json
import os
from urllib.parse import parse_qs

from flask import Flask, request
from itsdangerous import URLSafeSerializer

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()
SECRET_KEY = os.environ.get("CART_SECRET", "change-me")


@app.route("/cart/restore")
def restore_cart():
    params = parse_qs(request.query_string.decode())
    parts = [DEFAULT_PREFS]
    parts.append(params.get("prefs", [""])[0])
    parts.append(DEFAULT_PREFS)
    cart_blob = parts[1]
    serializer = URLSafeSerializer(SECRET_KEY, salt="cart")
    cart = serializer.loads(cart_blob)
    return {"items": len(cart)}
