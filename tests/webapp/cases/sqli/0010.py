import sqlite3

from flask import Blueprint, jsonify, request

bp = Blueprint("sqli_10", __name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


class NameHolder:
    def __init__(self, prefix):
        self.prefix = prefix

    def value_of(self, item):
        return item


@bp.route("/invoices")
def invoices():
    customer = NameHolder("guest").value_of(request.args.get("name", ""))
    conn = get_db()
    query = "SELECT number, amount FROM invoices WHERE customer = '{}' ORDER BY number".format(customer)
    rows = conn.execute(query).fetchall()
    return jsonify(rows)
