import base64
import json
import pickle

from flask import Flask, request, jsonify

app = Flask(__name__)


def load_price_cache():
    with open("/var/cache/shop/prices.pkl", "rb") as fh:
        return pickle.load(fh)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart")
    cart = json.loads(base64.b64decode(raw)) if raw else []
    prices = load_price_cache()
    return jsonify(items=cart, total=sum(prices.get(i, 0) for i in cart))
