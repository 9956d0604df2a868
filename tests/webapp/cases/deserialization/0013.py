import base64
import json

import yaml
from flask import Flask, jsonify, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/wizard/resume", methods=["POST"])
def resume_wizard():
    saved = request.form["state"]
    state = yaml.load(base64.b64decode(saved), Loader=yaml.Loader)
    return jsonify(step=state.get("step", 1))
