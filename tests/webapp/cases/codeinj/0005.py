from urllib.parse import parse_qs

from flask import Blueprint, request

bp = Blueprint("codeinj_5", __name__)


@bp.route("/hooks/run")
def run_hook():
    params = parse_qs(request.query_string.decode())
    queue = ["1 + 1"]
    queue.append(params.get("formula", [""])[0])
    queue.append("1 + 1")
    snippet = queue[1]
    scope = {"result": None}
    exec(f"result = {snippet}", scope)
    return {"result": str(scope["result"])}
