import base64
import json

import yaml
from flask import Blueprint, request

views = Blueprint("deserialization_14", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@views.route("/jobs/config")
def job_config():
    raw_state = request.headers.get("X-Session-State", "")
    config_text = raw_state.replace("\t", "")
    config = yaml.unsafe_load(base64.b64decode(config_text))
    return {"keys": sorted(config)}
