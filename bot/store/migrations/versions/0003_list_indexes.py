"""Indexes for two dashboard views measured slow at 100,000 advisories: merged-while-open by risk, and
any state ordered by age (benchmarks/advisories_scale.py, benchmarks/dashboard_scale.py).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_advisories_merged_risk", "advisories", ["merged_while_open", "risk", "id"])
    op.create_index("ix_advisories_age", "advisories", ["first_seen_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_advisories_age", table_name="advisories")
    op.drop_index("ix_advisories_merged_risk", table_name="advisories")
