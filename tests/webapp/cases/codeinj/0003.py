import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc")
def calculate():
    fields = {}
    fields["expr"] = request.headers.get("X-Calc", "")
    fields["source"] = "1 + 1"
    formula = fields["expr"]
    result = ast.literal_eval(formula)
    return jsonify(result=result)
