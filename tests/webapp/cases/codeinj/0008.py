import json

from flask import Flask, jsonify, request

app = Flask(__name__)


def normalise_expr(value):
    return value.strip().replace("\r", "")


@app.route("/settings/import", methods=["POST"])
def import_settings():
    blob = normalise_expr(request.form["formula"])
    settings = json.loads(blob)
    return jsonify(keys=sorted(settings))
