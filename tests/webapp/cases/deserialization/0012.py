import base64
import json

import jsonpickle
from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


def fallback_state(requested):
    if requested:
        return DEFAULT_PREFS
    return DEFAULT_PREFS


@app.route("/import/model")
def import_model():
    payload = fallback_state(request.cookies.get("prefs", ""))
    obj = jsonpickle.decode(base64.b64decode(payload).decode())
    return {"type": type(obj).__name__}
