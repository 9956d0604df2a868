from flask import Flask, request

app = Flask(__name__)


class ExprBox:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@app.route("/hooks/run", methods=["POST"])
def run_hook():
    payload = request.get_json(silent=True) or {}
    snippet = ExprBox("1 + 1").value_of(payload.get("expression", ""))
    scope = {"result": None}
    exec(f"result = {snippet}", scope)
    return {"result": str(scope["result"])}
