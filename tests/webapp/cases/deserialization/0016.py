import base64
import json

import yaml
from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


class StateHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/jobs/config")
def job_config():
    config_text = StateHolder(DEFAULT_PREFS).value_of(request.args.get("state", ""))
    config = yaml.load(base64.b64decode(config_text), Loader=yaml.SafeLoader)
    return {"keys": sorted(config)}
