from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc", methods=["POST"])
def calculate():
    payload = request.get_json(silent=True) or {}
    raw_expr = payload.get("expression", "")
    formula = raw_expr.rstrip()
    result = eval(formula)
    return jsonify(result=result)
