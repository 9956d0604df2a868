from urllib.parse import parse_qs

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports/filter")
def filter_rows():
    params = parse_qs(request.query_string.decode())
    expr_arg = params.get("formula", [""])[0]
    condition = "%s" % expr_arg
    rows = [{"id": 1, "total": 40}, {"id": 2, "total": 90}]
    predicate = eval("lambda row: " + condition)
    return jsonify([r for r in rows if predicate(r)])
