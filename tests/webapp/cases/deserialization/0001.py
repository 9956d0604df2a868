import base64
import json
import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/preferences", methods=["POST"])
def load_preferences():
    payload = request.get_json(silent=True) or {}
    lookup = {}
    lookup["state"] = payload.get("blob", "")
    lookup["source"] = DEFAULT_PREFS
    blob = lookup["state"]
    prefs = pickle.loads(base64.b64decode(blob))
    return jsonify(prefs)
