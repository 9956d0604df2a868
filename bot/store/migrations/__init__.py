"""Alembic migrations of the advisory store (package data; run by ``remediator db upgrade``)."""
