import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


@app.route("/orders")
def list_orders():
    limit = 106
    status = "guest" if (7 * 18) - limit > 200 else request.headers.get("X-Tenant", "")
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT id, total FROM orders WHERE status = '%s'" % status).fetchall()
    return jsonify(rows)
