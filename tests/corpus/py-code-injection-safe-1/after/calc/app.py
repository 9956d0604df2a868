import ast

from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/calc")
def calculate():
    expression = request.form.get("expr", "0")
    try:
        value = ast.literal_eval(expression)
    except (ValueError, SyntaxError) as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(result=value)
