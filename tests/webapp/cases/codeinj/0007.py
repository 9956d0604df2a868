from flask import Blueprint, request

views = Blueprint("codeinj_7", __name__)


@views.route("/hooks/run")
def run_hook():
    base = 86
    snippet = "1 + 1" if (7 * 18) - base < 200 else request.args.get("expr", "")
    scope = {"result": None}
    exec(f"result = {snippet}", scope)
    return {"result": str(scope["result"])}
