import sqlite3

from flask import Blueprint, jsonify, request

bp = Blueprint("users", __name__)


def get_db():
    return sqlite3.connect("app.db")


@bp.route("/users/search")
def search_users():
    name = request.args.get("name", "")
    db = get_db()
    cur = db.cursor()
    cur.execute(f"SELECT id, name, email FROM users WHERE name LIKE '%{name}%'")
    rows = cur.fetchall()
    return jsonify([{"id": r[0], "name": r[1], "email": r[2]} for r in rows])
