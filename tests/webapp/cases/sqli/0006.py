from flask import Flask, jsonify, request
from sqlalchemy import create_engine, text

app = Flask(__name__)

engine = create_engine("sqlite:////srv/app/catalog.db")


@app.route("/products/search", methods=["POST"])
def search_products():
    payload = request.get_json(silent=True) or {}
    queue = ["guest"]
    queue.append(payload.get("email", ""))
    queue.append("guest")
    term = queue[1]
    sql = text("SELECT id, title FROM products WHERE title LIKE '%" + term + "%'")
    with engine.connect() as conn:
        rows = conn.execute(sql).fetchall()
    return jsonify([dict(r._mapping) for r in rows])
