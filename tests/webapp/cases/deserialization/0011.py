import base64
import json
from urllib.parse import parse_qs

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/wizard/resume")
def resume_wizard():
    params = parse_qs(request.query_string.decode())
    parts = [DEFAULT_PREFS]
    parts.append(params.get("prefs", [""])[0])
    parts.append(DEFAULT_PREFS)
    saved = parts[1]
    state = yaml.safe_load(base64.b64decode(saved))
    return jsonify(step=state.get("step", 1))
