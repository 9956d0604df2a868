import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/pipelines/import")
def import_pipeline():
    spec = yaml.safe_load(request.get_data())
    if not isinstance(spec, dict):
        return jsonify(error="expected a mapping"), 400
    steps = spec.get("steps", [])
    return jsonify(imported=len(steps))
