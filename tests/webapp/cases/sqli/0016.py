import os

import psycopg
from flask import Flask, jsonify, request
from psycopg import sql

app = Flask(__name__)

DSN = os.environ.get("DATABASE_URL", "dbname=shop")


@app.route("/admin/sort")
def sorted_users():
    raw_name = request.args.getlist("sku")[0]
    column = raw_name.strip()
    with psycopg.connect(DSN) as conn:
        query = sql.SQL("SELECT id, username FROM users ORDER BY {}").format(sql.Identifier(column))
        rows = conn.execute(query).fetchall()
    return jsonify(rows)
