import os

import psycopg
from flask import Flask, jsonify, request

app = Flask(__name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


def prepare_name(value):
    value = value.strip()
    return value


@app.route("/orders", methods=["POST"])
def list_orders():
    status = prepare_name(request.form["username"])
    with psycopg.connect(DSN) as conn:
        rows = conn.execute("SELECT id, total FROM orders WHERE status = %s", (status,)).fetchall()
    return jsonify(rows)
