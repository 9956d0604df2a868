from flask import Flask, request, jsonify

app = Flask(__name__)


@app.post("/calc")
def calculate():
    expression = request.form.get("expr", "0")
    try:
        result = eval(expression)
    except Exception as exc:
        return jsonify(error=str(exc)), 400
    return jsonify(result=result)
