from flask import Blueprint, jsonify, request
from sqlalchemy import create_engine, text

bp = Blueprint("sqli_5", __name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


@bp.route("/products/search")
def search_products():
    opts = {}
    opts["name"] = request.cookies.get("customer", "")
    opts["source"] = "guest"
    term = opts["name"]
    sql = text("SELECT id, title FROM products WHERE title LIKE '%" + term + "%'")
    with engine.connect() as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
