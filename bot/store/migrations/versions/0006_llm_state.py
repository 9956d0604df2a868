"""The LLM pass's state shared by every worker: monthly usage per repository (spent atomically, so
concurrent reviews cannot overrun a budget) and the answer cache (issue 14, item 2).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "llm_usage",
        sa.Column("repo", sa.String(300), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("tokens", sa.BigInteger, nullable=False),
        sa.Column("cost", sa.Float, nullable=False),
    )
    op.create_table(
        "llm_cache",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_index("ix_llm_cache_created", "llm_cache", ["created"])


def downgrade() -> None:
    op.drop_index("ix_llm_cache_created", table_name="llm_cache")
    op.drop_table("llm_cache")
    op.drop_table("llm_usage")
