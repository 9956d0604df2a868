import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


@app.route("/invoices")
def invoices():
    customer = str(int(request.values.get("q", "")))
    conn = get_db()
    query = "SELECT number, amount FROM invoices WHERE customer = '{}' ORDER BY number".format(customer)
    rows = conn.execute(query).fetchall()
    return jsonify(rows)
