import base64
import json

import jsonpickle
from flask import Blueprint, request

bp = Blueprint("deserialization_10", __name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@bp.route("/import/model")
def import_model():
    state_arg = request.values.get("snapshot", "")
    payload = "%s" % state_arg
    obj = jsonpickle.decode(base64.b64decode(payload).decode())
    return {"type": type(obj).__name__}
