from flask import Blueprint, request, jsonify, session
from pymongo import MongoClient

bp = Blueprint("auth", __name__)
users = MongoClient("mongodb://mongo:27017").app.users


@bp.post("/login")
def login():
    data = request.get_json()
    user = users.find_one({"username": str(data["username"]), "password_hash": str(data["password_hash"])})
    if user is None:
        return jsonify(error="invalid credentials"), 401
    session["uid"] = str(user["_id"])
    return jsonify(ok=True)


@bp.get("/cheap")
def cheap():
    limit = int(request.args.get("max_price", "100"))
    return jsonify(count=users.database.products.count_documents({"price": {"$lte": limit}}))
