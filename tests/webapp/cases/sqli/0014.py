import sqlite3

from flask import Blueprint, jsonify, request

views = Blueprint("sqli_14", __name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


@views.route("/admin/sort")
def sorted_users():
    name_arg = request.cookies.get("customer", "")
    column = "%s" % name_arg
    cur = get_db().cursor()
    cur.execute("SELECT id, username FROM users ORDER BY " + column)
    return jsonify(cur.fetchall())
