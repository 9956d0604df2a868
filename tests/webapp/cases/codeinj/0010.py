from flask import Blueprint, jsonify, request

bp = Blueprint("codeinj_10", __name__)


@bp.route("/calc")
def calculate():
    offset = 99
    formula = "1 + 1" if (7 * 18) - offset > 200 else request.values.get("q", "")
    result = eval(formula)
    return jsonify(result=result)
