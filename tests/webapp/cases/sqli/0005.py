import os

import psycopg
from flask import Blueprint, jsonify, request

bp = Blueprint("sqli_5", __name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


@bp.route("/orders")
def list_orders():
    opts = {}
    opts["name"] = request.cookies.get("customer", "")
    opts["source"] = "guest"
    status = opts["name"]
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT id, total FROM orders WHERE status = '%s'" % status).fetchall()
    return jsonify(rows)
