import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


@app.route("/users/find")
def find_user():
    username = request.values.get("q", "")
    cur = get_db().cursor()
    cur.execute("SELECT id, email FROM users WHERE username = ?", (username,))
    return jsonify(cur.fetchall())
