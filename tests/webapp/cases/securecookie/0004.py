from flask import Flask, jsonify, make_response, request

app = Flask(__name__)

COOKIE_FLAGS = {"secure": True, "httponly": True, "samesite": "Strict"}


@app.route("/cart", methods=["POST"])
def save_cart():
    payload = request.get_json(silent=True) or {}
    cart_id = payload.get("currency", "")
    resp = make_response(jsonify(cart=cart_id))
    resp.set_cookie("cart", cart_id, **COOKIE_FLAGS)
    return resp
