import base64
import json

import yaml
from flask import Blueprint, request

bp = Blueprint("deserialization_15", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


def fallback_state(requested):
    if requested:
        return DEFAULT_PREFS
    return DEFAULT_PREFS


@bp.route("/jobs/config", methods=["POST"])
def job_config():
    payload = request.get_json(silent=True) or {}
    config_text = fallback_state(payload.get("blob", ""))
    config = yaml.unsafe_load(base64.b64decode(config_text))
    return {"keys": sorted(config)}
