import base64
import json

import yaml
from flask import Blueprint, jsonify, request

bp = Blueprint("deserialization_5", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


def prepare_state(value):
    value = value.strip()
    return value


@bp.route("/wizard/resume")
def resume_wizard():
    saved = prepare_state(request.cookies.get("prefs", ""))
    state = yaml.load(base64.b64decode(saved), Loader=yaml.Loader)
    return jsonify(step=state.get("step", 1))
