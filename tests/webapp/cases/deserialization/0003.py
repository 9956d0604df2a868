import base64
import json

from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


def normalise_state(value):
    return " ".join(value.split())


@app.route("/preferences")
def load_preferences():
    blob = normalise_state(request.values.get("snapshot", ""))
    prefs = json.loads(base64.b64decode(blob))
    return jsonify(prefs)
