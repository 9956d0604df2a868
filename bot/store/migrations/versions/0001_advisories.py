"""Advisory ledger: advisories (one per host + repo + fingerprint) and their history.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "advisories",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("host", sa.String(16), nullable=False),
        sa.Column("repo", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("rule_id", sa.String(200), nullable=False),
        sa.Column("engine", sa.String(40), nullable=False),
        sa.Column("category", sa.String(80), nullable=False),
        sa.Column("cwe", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=False),
        sa.Column("risk", sa.Float(), nullable=False),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("start_line", sa.Integer(), nullable=False),
        sa.Column("end_line", sa.Integer(), nullable=False),
        sa.Column("symbol", sa.String(300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("remediation", sa.Text(), nullable=False),
        sa.Column("replacement", sa.Text(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("first_pr", sa.Integer(), nullable=False),
        sa.Column("first_commit", sa.String(64), nullable=False),
        sa.Column("last_pr", sa.Integer(), nullable=False),
        sa.Column("last_commit", sa.String(64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("state_changed_at", sa.DateTime(), nullable=False),
        sa.Column("state_actor", sa.String(100), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("accepted_until", sa.Date(), nullable=True),
        sa.Column("accepted_pr", sa.Integer(), nullable=True),
        sa.Column("approver", sa.String(100), nullable=False),
        sa.Column("merged_while_open", sa.Boolean(), nullable=False),
        sa.Column("merged_pr", sa.Integer(), nullable=True),
        sa.Column("merge_commit", sa.String(64), nullable=True),
        sa.Column("merged_at", sa.DateTime(), nullable=True),
        sa.Column("closed_unmerged", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("host", "repo", "fingerprint", name="uq_advisories_identity"),
    )
    indexes = {
        "ix_advisories_open_risk": ["is_open", "risk", "id"],
        "ix_advisories_open_age": ["is_open", "first_seen_at", "id"],
        "ix_advisories_state_risk": ["state", "risk", "id"],
        "ix_advisories_repo_open_risk": ["repo", "is_open", "risk", "id"],
        "ix_advisories_severity_open_risk": ["severity", "is_open", "risk", "id"],
        "ix_advisories_cwe_open_risk": ["cwe", "is_open", "risk", "id"],
        "ix_advisories_category_open": ["category", "is_open"],
        "ix_advisories_merged_open": ["merged_while_open", "is_open", "first_seen_at"],
        "ix_advisories_repo_pr": ["repo", "last_pr"],
        "ix_advisories_expiry": ["state", "accepted_until"],
    }
    for name, columns in indexes.items():
        op.create_index(name, "advisories", columns)
    op.create_table(
        "advisory_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "advisory_id",
            sa.Integer(),
            sa.ForeignKey("advisories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_state", sa.String(16), nullable=True),
        sa.Column("to_state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("pr", sa.Integer(), nullable=True),
        sa.Column("commit", sa.String(64), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
    )
    op.create_index("ix_advisory_events_advisory", "advisory_events", ["advisory_id", "id"])
    op.create_index("ix_advisory_events_at", "advisory_events", ["at", "action"])


def downgrade() -> None:
    op.drop_table("advisory_events")
    op.drop_table("advisories")
