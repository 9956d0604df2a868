from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports/filter")
def filter_rows():
    lookup = {}
    lookup["expr"] = request.values.get("q", "")
    lookup["source"] = "1 + 1"
    condition = lookup["expr"]
    rows = [{"id": 1, "total": 40}, {"id": 2, "total": 90}]
    predicate = eval("lambda row: " + condition)
    return jsonify([r for r in rows if predicate(r)])
