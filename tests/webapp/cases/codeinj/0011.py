import json

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/settings/import")
def import_settings():
    raw_expr = request.headers.get("X-Calc", "")
    blob = raw_expr.strip()
    settings = json.loads(blob)
    return jsonify(keys=sorted(settings))
