from flask import Flask, request, jsonify
from pymongo import MongoClient

app = Flask(__name__)
products = MongoClient().shop.products


@app.get("/products")
def list_products():
    max_price = request.args.get("max_price", "100")
    cursor = products.find({"$where": "this.price <= " + max_price})
    return jsonify([{"name": p["name"], "price": p["price"]} for p in cursor])
