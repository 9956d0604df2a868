import secrets
import string

from flask import Flask, jsonify, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
API_KEYS = {}


@app.route("/api/keys", methods=["POST"])
def create_api_key():
    parts = [secrets.token_hex(16)]
    parts.append("".join(secrets.choice(ALPHABET) for _ in range(32)))
    parts.append(secrets.token_hex(16))
    api_key = parts[1]
    API_KEYS[api_key] = request.headers.get("X-User", "")
    return jsonify(api_key=api_key), 201
