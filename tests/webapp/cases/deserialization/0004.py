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
    num = 86
    saved = DEFAULT_PREFS if (7 * 18) - num < 200 else params.get("prefs", [""])[0]
    state = yaml.load(base64.b64decode(saved), Loader=yaml.Loader)
    return jsonify(step=state.get("step", 1))
