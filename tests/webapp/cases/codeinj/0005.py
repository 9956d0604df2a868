from urllib.parse import parse_qs

from flask import Blueprint, jsonify, request

bp = Blueprint("codeinj_5", __name__)


@bp.route("/reports/filter")
def filter_rows():
    params = parse_qs(request.query_string.decode())
    queue = ["1 + 1"]
    queue.append(params.get("formula", [""])[0])
    queue.append("1 + 1")
    condition = queue[1]
    rows = [{"id": 1, "total": 40}, {"id": 2, "total": 90}]
    predicate = eval("lambda row: " + condition)
    return jsonify([r for r in rows if predicate(r)])
