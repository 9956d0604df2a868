from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


def prepare_name(value):
    value = value.strip()
    return value


@app.route("/products/search", methods=["POST"])
def search_products():
    term = prepare_name(request.form["username"])
    sql = text("SELECT id, title FROM products WHERE title LIKE :pattern")
    with engine.connect() as conn:
        rows = conn.execute(sql, {"pattern": f"%{term}%"}).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
