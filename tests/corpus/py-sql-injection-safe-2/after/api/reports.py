from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("postgresql+psycopg://reports@db/reports")


@app.post("/reports/revenue")
def revenue():
    body = request.get_json()
    limit = int(body.get("limit", 30))
    query = text(f"SELECT day, SUM(amount) FROM sales WHERE region = :region GROUP BY day LIMIT {limit}")
    with engine.connect() as conn:
        rows = conn.execute(query, {"region": body["region"]}).all()
    return jsonify([{"day": str(d), "amount": float(a)} for d, a in rows])
