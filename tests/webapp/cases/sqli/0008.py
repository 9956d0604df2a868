from urllib.parse import parse_qs

from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


@app.route("/products/search")
def search_products():
    params = parse_qs(request.query_string.decode())
    fields = {}
    fields["name"] = params.get("status", [""])[0]
    fields["source"] = "guest"
    term = fields["name"]
    sql = text("SELECT id, title FROM products WHERE title LIKE :pattern")
    with engine.connect() as conn:
        rows = conn.execute(sql, {"pattern": f"%{term}%"}).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
