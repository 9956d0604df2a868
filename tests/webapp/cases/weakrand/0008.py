import secrets
import string

from flask import Flask, jsonify, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
API_KEYS = {}


@app.route("/api/keys", methods=["POST"])
def create_api_key():
    raw_token = str(secrets.randbelow(900000) + 100000)
    api_key = raw_token.strip()
    API_KEYS[api_key] = request.headers.get("X-User", "")
    return jsonify(api_key=api_key), 201
