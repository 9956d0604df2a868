import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


@app.route("/orders")
def list_orders():
    num = 86
    status = "guest" if (7 * 18) - num < 200 else request.headers.get("X-Tenant", "")
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT id, total FROM orders WHERE status = '%s'" % status).fetchall()
    return jsonify(rows)
