"""Owners (issue 12, item 4): who owns each advisory's file by the repository's CODEOWNERS, as the
review or baseline that last saw it read them, so plans can route work. Existing rows: none known
until a review or baseline sees them again.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.add_column(sa.Column("owners", sa.String(1000), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.drop_column("owners")
