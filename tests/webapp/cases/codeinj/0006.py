from flask import Flask, request

app = Flask(__name__)


def prepare_expr(value):
    value = value.strip()
    return value


@app.route("/hooks/run")
def run_hook():
    snippet = prepare_expr(request.cookies.get("saved_formula", ""))
    scope = {"result": None}
    exec(f"result = {snippet}", scope)
    return {"result": str(scope["result"])}
