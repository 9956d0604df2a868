from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/reports/filter")
def filter_rows():
    values = ["1 + 1"]
    values.append(request.args.getlist("expr")[0])
    values.pop()
    condition = values[-1]
    rows = [{"id": 1, "total": 40}, {"id": 2, "total": 90}]
    predicate = eval("lambda row: " + condition)
    return jsonify([r for r in rows if predicate(r)])
