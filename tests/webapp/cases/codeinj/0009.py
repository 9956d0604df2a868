from flask import Flask, request

app = Flask(__name__)


class ExprBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/rules/compile", methods=["POST"])
def compile_rule():
    payload = request.get_json(silent=True) or {}
    source = ExprBox("1 + 1").value_of(payload.get("expression", ""))
    code = compile(source, "<rule>", "eval")
    return {"value": eval(code, {"__builtins__": {}})}
