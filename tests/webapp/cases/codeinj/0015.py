from flask import Blueprint, request

bp = Blueprint("codeinj_15", __name__)


@bp.route("/rules/compile")
def compile_rule():
    requested = request.args.get("expr", "")
    if requested in {"1 + 1", "2 * 3", "10 / 4"}:
        source = requested
    else:
        source = "1 + 1"
    code = compile(source, "<rule>", "eval")
    return {"value": eval(code, {"__builtins__": {}})}
