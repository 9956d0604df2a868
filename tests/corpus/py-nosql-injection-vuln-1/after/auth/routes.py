from flask import Blueprint, request, jsonify, session
from pymongo import MongoClient

bp = Blueprint("auth", __name__)
users = MongoClient("mongodb://mongo:27017").app.users


@bp.post("/login")
def login():
    data = request.get_json()
    user = users.find_one({"username": data["username"], "password_hash": data["password_hash"]})
    if user is None:
        return jsonify(error="invalid credentials"), 401
    session["uid"] = str(user["_id"])
    return jsonify(ok=True)
