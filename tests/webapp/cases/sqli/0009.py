import sqlite3

from flask import Flask, jsonify

app = Flask(__name__)


def get_db():
    return sqlite3.connect("/srv/app/shop.db")


def normalise_name(value):
    return " ".join(value.split())


@app.route("/admin/sort/<slug>")
def sorted_users(slug):
    column = normalise_name(slug)
    cur = get_db().cursor()
    cur.execute("SELECT id, username FROM users ORDER BY " + column)
    return jsonify(cur.fetchall())
