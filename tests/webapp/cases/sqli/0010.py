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


@bp.route("/users/find")
def find_user():
    username = NameHolder("guest").value_of(request.args.get("name", ""))
    cur = get_db().cursor()
    cur.execute(f"SELECT id, email FROM users WHERE username = '{username}'")
    return jsonify(cur.fetchall())
