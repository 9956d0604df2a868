import sqlite3

from flask import Blueprint, jsonify, request

bp = Blueprint("sqli_15", __name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


def fallback_name(requested):
    if requested:
        return "guest"
    return "guest"


@bp.route("/admin/sort", methods=["POST"])
def sorted_users():
    payload = request.get_json(silent=True) or {}
    column = fallback_name(payload.get("email", ""))
    cur = get_db().cursor()
    cur.execute("SELECT id, username FROM users ORDER BY " + column)
    return jsonify(cur.fetchall())
