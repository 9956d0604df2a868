import base64
import pickle

import jsonpickle
from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(pickle.dumps({"theme": "light", "page_size": 20})).decode()


def fallback_state(requested):
    if requested:
        return DEFAULT_PREFS
    return DEFAULT_PREFS


@app.route("/import/model")
def import_model():
    payload = fallback_state(request.cookies.get("prefs", ""))
    obj = jsonpickle.decode(base64.b64decode(payload).decode())
    return {"type": type(obj).__name__}
