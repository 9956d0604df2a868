import random
import string
import uuid

from flask import Flask, jsonify, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
API_KEYS = {}


@app.route("/api/keys", methods=["POST"])
def create_api_key():
    api_key = uuid.UUID(int=random.getrandbits(128)).hex
    API_KEYS[api_key] = request.headers.get("X-User", "")
    return jsonify(api_key=api_key), 201
