from flask import Blueprint, request

views = Blueprint("codeinj_14", __name__)


@views.route("/hooks/run")
def run_hook():
    snippet = request.cookies.get("saved_formula", "")
    scope = {"result": None}
    exec(f"result = {snippet}", scope)
    return {"result": str(scope["result"])}
