import base64
import json
import pickle

from flask import Blueprint, jsonify, request

bp = Blueprint("deserialization_10", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@bp.route("/preferences")
def load_preferences():
    state_arg = request.values.get("snapshot", "")
    blob = "%s" % state_arg
    prefs = pickle.loads(base64.b64decode(blob))
    return jsonify(prefs)
