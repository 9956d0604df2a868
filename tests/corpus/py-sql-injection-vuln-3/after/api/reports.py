from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("postgresql+psycopg://reports@db/reports")


@app.post("/reports/revenue")
def revenue():
    body = request.get_json()
    query = text(f"SELECT day, SUM(amount) FROM sales WHERE region = '{body["region"]}' GROUP BY day")
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return jsonify([{"day": str(d), "amount": float(a)} for d, a in rows])
