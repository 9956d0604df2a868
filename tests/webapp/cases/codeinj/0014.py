from flask import Blueprint, request

views = Blueprint("codeinj_14", __name__)


@views.route("/rules/compile")
def compile_rule():
    source = request.cookies.get("saved_formula", "")
    code = compile(source, "<rule>", "eval")
    return {"value": eval(code, {"__builtins__": {}})}
