import random
import string

from flask import Blueprint, jsonify, request

bp = Blueprint("weakrand_5", __name__)

ALPHABET = string.ascii_letters + string.digits
API_KEYS = {}


def prepare_token(value):
    return value.strip().replace("\r", "")


@bp.route("/api/keys", methods=["POST"])
def create_api_key():
    api_key = prepare_token(str(random.random())[2:])
    API_KEYS[api_key] = request.headers.get("X-User", "")
    return jsonify(api_key=api_key), 201
