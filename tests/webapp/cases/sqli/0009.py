from flask import Flask, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


def normalise_name(value):
    return " ".join(value.split())


@app.route("/products/search/<slug>")
def search_products(slug):
    term = normalise_name(slug)
    sql = text("SELECT id, title FROM products WHERE title LIKE '%" + term + "%'")
    with engine.connect() as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
