import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


@app.route("/invoices", methods=["POST"])
def invoices():
    payload = request.get_json(silent=True) or {}
    queue = ["guest"]
    queue.append(payload.get("email", ""))
    queue.append("guest")
    customer = queue[1]
    conn = get_db()
    query = "SELECT number, amount FROM invoices WHERE customer = '{}' ORDER BY number".format(customer)
    rows = conn.execute(query).fetchall()
    return jsonify(rows)
