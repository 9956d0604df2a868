import random
import secrets
import string

from flask import Flask, jsonify, request

app = Flask(__name__)

ALPHABET = string.ascii_letters + string.digits
API_KEYS = {}


class TokenBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/api/keys", methods=["POST"])
def create_api_key():
    api_key = TokenBox(secrets.token_hex(16)).value_of("".join(random.choices(ALPHABET, k=24)))
    API_KEYS[api_key] = request.headers.get("X-User", "")
    return jsonify(api_key=api_key), 201
