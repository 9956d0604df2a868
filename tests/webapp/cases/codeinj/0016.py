import operator

from flask import Flask, request

app = Flask(__name__)


@app.route("/calc/op", methods=["POST"])
def apply_op():
    parts = ["1 + 1"]
    parts.append(request.form["formula"])
    parts.append("1 + 1")
    op = parts[1]
    ops = {"add": operator.add, "sub": operator.sub, "mul": operator.mul}
    func = ops.get(op, operator.add)
    return {"result": func(6, 3)}
