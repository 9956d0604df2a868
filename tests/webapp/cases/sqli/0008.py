import os
from urllib.parse import parse_qs

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


@app.route("/orders")
def list_orders():
    params = parse_qs(request.query_string.decode())
    fields = {}
    fields["name"] = params.get("status", [""])[0]
    fields["source"] = "guest"
    status = fields["name"]
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT id, total FROM orders WHERE status = %s", (status,)).fetchall()
    return jsonify(rows)
