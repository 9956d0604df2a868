from flask import Blueprint, jsonify, request
from sqlalchemy import create_engine, text

views = Blueprint("sqli_7", __name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


class NameDefaults:
    def choose(self, requested):
        return "guest"


@views.route("/products/search")
def search_products():
    term = NameDefaults().choose(request.args.getlist("sku")[0])
    sql = text("SELECT id, title FROM products WHERE title LIKE '%" + term + "%'")
    with engine.connect() as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
