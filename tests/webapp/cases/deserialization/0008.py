import base64
import json

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/wizard/resume", methods=["POST"])
def resume_wizard():
    payload = request.get_json(silent=True) or {}
    raw_state = payload.get("blob", "")
    saved = raw_state.replace("\t", "")
    state = yaml.safe_load(base64.b64decode(saved))
    return jsonify(step=state.get("step", 1))
