from flask import Blueprint, jsonify, request
from sqlalchemy import create_engine, text

views = Blueprint("sqli_14", __name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


@views.route("/products/search")
def search_products():
    name_arg = request.cookies.get("customer", "")
    term = "%s" % name_arg
    sql = text("SELECT id, title FROM products WHERE title LIKE '%" + term + "%'")
    with engine.connect() as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
