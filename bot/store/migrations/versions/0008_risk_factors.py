"""Risk that says why (issue 11, item 4): every factor of an advisory's risk is kept with it, with the
SLA level the adjusted risk gives, the exposure and the asset (for the security lead's views).

Existing rows keep their risk; their SLA level is their severity (what their due date was before),
their exposure unknown and their factors empty until a review sees them again.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.add_column(sa.Column("sla_level", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("exposure", sa.String(16), nullable=False, server_default="unknown"))
        batch.add_column(sa.Column("asset", sa.String(300), nullable=False, server_default=""))
        batch.add_column(sa.Column("risk_factors", sa.Text(), nullable=False, server_default="{}"))
    op.execute("UPDATE advisories SET sla_level = severity")
    with op.batch_alter_table("advisories") as batch:
        batch.alter_column("sla_level", server_default=None)
        batch.create_index("ix_advisories_exposure_open_risk", ["exposure", "is_open", "risk", "id"])
        batch.create_index("ix_advisories_asset_open", ["asset", "is_open"])
        batch.create_index("ix_advisories_sla_open_age", ["sla_level", "is_open", "first_seen_at"])


def downgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.drop_index("ix_advisories_sla_open_age")
        batch.drop_index("ix_advisories_asset_open")
        batch.drop_index("ix_advisories_exposure_open_risk")
        batch.drop_column("risk_factors")
        batch.drop_column("asset")
        batch.drop_column("exposure")
        batch.drop_column("sla_level")
