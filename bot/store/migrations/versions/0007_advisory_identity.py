"""Advisory identity includes the path and the pull request that introduced it (issue 15, item 5).

Keyed by (host, repo, fingerprint) alone, an advisory could be "fixed" by any other pull request that
copied the flagged code and removed it again. Now the key is (host, repo, fingerprint, first_pr,
intro_path): another pull request's copy is its own advisory, and only the introducing pull request's
scans mark an advisory fixed. Existing rows take their current path as the introducing path.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.add_column(sa.Column("intro_path", sa.String(1000), nullable=False, server_default=""))
    op.execute("UPDATE advisories SET intro_path = path")
    with op.batch_alter_table("advisories") as batch:
        batch.alter_column("intro_path", server_default=None)
        batch.drop_constraint("uq_advisories_identity", type_="unique")
        batch.create_unique_constraint(
            "uq_advisories_identity", ["host", "repo", "fingerprint", "first_pr", "intro_path"]
        )


def downgrade() -> None:
    with op.batch_alter_table("advisories") as batch:
        batch.drop_constraint("uq_advisories_identity", type_="unique")
        batch.create_unique_constraint("uq_advisories_identity", ["host", "repo", "fingerprint"])
        batch.drop_column("intro_path")
