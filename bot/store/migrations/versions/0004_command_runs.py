"""The command log: each ``/remediator`` comment runs once per (host, comment id, edit time); rate
limits count its rows per author and per pull request.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "command_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("host", sa.String(16), nullable=False),
        sa.Column("repo", sa.String(255), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("comment_id", sa.String(64), nullable=False),
        sa.Column("edited_at", sa.String(40), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("job_id", sa.String(64), nullable=False),
        sa.Column("verb", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("replied", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("host", "comment_id", "edited_at", name="uq_command_runs_comment"),
    )
    op.create_index("ix_command_runs_author", "command_runs", ["host", "author", "at"])
    op.create_index("ix_command_runs_pr", "command_runs", ["host", "repo", "number", "at"])


def downgrade() -> None:
    op.drop_index("ix_command_runs_pr", table_name="command_runs")
    op.drop_index("ix_command_runs_author", table_name="command_runs")
    op.drop_table("command_runs")
