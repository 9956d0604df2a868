import base64
import json

import jsonpickle
from flask import Flask, request

app = Flask(__name__)

DEFAULT_PREFS = base64.b64encode(json.dumps({"theme": "light", "page_size": 20}).encode()).decode()


@app.route("/import/model", methods=["POST"])
def import_model():
    payload = request.form["state"]
    obj = jsonpickle.decode(base64.b64decode(payload).decode())
    return {"type": type(obj).__name__}
