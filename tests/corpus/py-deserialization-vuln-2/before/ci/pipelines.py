import yaml
from flask import Flask, request, jsonify

app = Flask(__name__)

with open("config/defaults.yml") as fh:
    DEFAULTS = yaml.safe_load(fh)


@app.get("/pipelines/defaults")
def defaults():
    return jsonify(DEFAULTS)
