from sqlalchemy import text
from sqlalchemy.orm import Session

SORTABLE = {"name": "c.name", "revenue": "total_revenue", "signup": "c.created_at"}


def top_customers(session: Session, region: str, sort: str, limit: int = 20):
    order_col = SORTABLE.get(sort, "total_revenue")
    stmt = text(
        f"""
        SELECT c.id, c.name, SUM(o.amount) AS total_revenue
        FROM customers c JOIN orders o ON o.customer_id = c.id
        WHERE c.region = :region
        GROUP BY c.id, c.name
        ORDER BY {order_col} DESC
        LIMIT :limit
        """
    )
    result = session.execute(stmt, {"region": region, "limit": int(limit)})
    return [dict(row._mapping) for row in result]
