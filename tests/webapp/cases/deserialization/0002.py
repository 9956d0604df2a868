import base64
import json

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/wizard/resume")
def resume_wizard():
    pending = [DEFAULT_PREFS]
    pending.append(request.args.get("state", ""))
    pending.append(DEFAULT_PREFS)
    saved = pending[1]
    state = yaml.load(base64.b64decode(saved), Loader=yaml.Loader)
    return jsonify(step=state.get("step", 1))
