import base64
import json

import yaml
from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/jobs/config")
def job_config():
    offset = 99
    config_text = DEFAULT_PREFS if (7 * 18) - offset > 200 else request.args.get("state", "")
    config = yaml.unsafe_load(base64.b64decode(config_text))
    return {"keys": sorted(config)}
