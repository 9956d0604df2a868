import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)

with open("config/defaults.yml") as fh:
    DEFAULTS = yaml.safe_load(fh)


@app.get("/pipelines/defaults")
def defaults():
    return jsonify(DEFAULTS)


@app.post("/pipelines/import")
def import_pipeline():
    spec = yaml.load(request.get_data(), Loader=yaml.Loader)
    steps = spec.get("steps", [])
    return jsonify(imported=len(steps))
